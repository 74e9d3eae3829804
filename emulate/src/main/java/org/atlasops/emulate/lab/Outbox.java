package org.atlasops.emulate.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the lab's {@code send_mail} tool "sends" mail: nothing leaves the machine, every message is recorded (and,
 * when a file is given, appended to it as JSON lines) so a judge can see what an attack exfiltrated.
 */
public final class Outbox {
    static final int MAX_MAILS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message the lab pretended to send. */
    public record Mail(int number, String to, String subject, String body) {
        public Mail {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(body, "body");
        }
    }

    private final List<Mail> mails = new ArrayList<>();
    private final Optional<Path> file;

    Outbox(Optional<Path> file) {
        this.file = file;
    }

    synchronized Mail send(String to, String subject, String body) {
        if (mails.size() >= MAX_MAILS) {
            mails.remove(0); // bounded: a looping agent must not fill the heap
        }
        Mail m = new Mail(mails.isEmpty() ? 1 : mails.get(mails.size() - 1).number() + 1, to, subject, body);
        mails.add(m);
        file.ifPresent(f -> {
            ObjectNode line = JSON.createObjectNode()
                    .put("number", m.number())
                    .put("to", to)
                    .put("subject", subject)
                    .put("body", body);
            try {
                Files.writeString(
                        f, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return m;
    }

    synchronized void clear() {
        mails.clear();
    }

    /** Every message recorded so far, oldest first. */
    public synchronized List<Mail> mails() {
        return List.copyOf(mails);
    }
}
