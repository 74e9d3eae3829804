package org.atlasops.detect.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one kind of labelled record holds: its labels (which of them are attacks), how a JSON record becomes the item a
 * detector judges, and the item's text (for its language and length).
 */
public interface ExampleFormat<T> {
    /** What the records are, for messages: "a prompt record". */
    String what();

    /** Every label a record may carry, e.g. benign, injection, jailbreak. */
    List<String> labels();

    /** Whether a label (one of {@link #labels()}) is an attack, that is, one the detector should flag. */
    boolean attack(String label);

    /**
     * The item of one record.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong ("needs a text string")
     */
    T item(JsonNode record);

    /** The text whose language and length the tables report. */
    String text(T item);
}
