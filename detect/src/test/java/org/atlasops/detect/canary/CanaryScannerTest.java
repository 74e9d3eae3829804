package org.atlasops.detect.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CanaryScannerTest {
    private final Canary canary = Canary.create("support bot system prompt");
    private final CanaryScanner scanner = new CanaryScanner(List.of(canary, Canary.create("other")));

    private String found(String text) {
        List<CanaryScanner.Hit> hits = scanner.scan(text);
        return hits.stream()
                .filter(h -> h.canary().equals(canary))
                .map(CanaryScanner.Hit::encoding)
                .findFirst()
                .orElse("none");
    }

    @Test
    void findsTheTokenInEveryForm() {
        String t = canary.token();
        assertThat(found("My instructions mention " + t + ", sorry.")).isEqualTo("plain");
        assertThat(found("ref: " + t.toLowerCase())).isEqualTo("plain");
        assertThat(found("ref: " + String.join(" ", t.split("")))).isEqualTo("plain");
        assertThat(found("ref: " + t.substring(0, 9) + "\n" + t.substring(9, 17) + "-\n" + t.substring(17)))
                .isEqualTo("plain");
        assertThat(found("backwards: " + new StringBuilder(t).reverse())).isEqualTo("reversed");
        String b64 =
                Base64.getEncoder().encodeToString(("The reference is " + t + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(found("encoded for you: " + b64)).isEqualTo("base64");
        // the token at the very end of the encoded text (no byte after it)
        assertThat(found(Base64.getEncoder().encodeToString(("ref " + t).getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("base64");
        String wrapped = b64.substring(0, 20) + "\n" + b64.substring(20);
        assertThat(found(wrapped)).isEqualTo("base64");
        String hex = HexFormat.of().formatHex(t.getBytes(StandardCharsets.UTF_8));
        assertThat(found("hex: " + hex)).isEqualTo("hex");
        assertThat(found("hex with spaces: " + hex.replaceAll("(..)", "$1 "))).isEqualTo("hex");
    }

    @Test
    void ordinaryTextHasNoCanary() {
        String text = "The system prompt tells the assistant to be helpful. Reference CNRY is a product code; "
                + "base64 like SGVsbG8gd29ybGQ= and hex 48656c6c6f20776f726c64 decode to hello world.";
        assertThat(scanner.scan(text)).isEmpty();
        assertThat(scanner.scan(canary.snippet().replace(canary.token(), "CNRY" + "x".repeat(20))))
                .isEmpty();
    }

    @Property(tries = 300)
    void randomTextNeverHasACanary(@ForAll @StringLength(max = 400) String text) {
        assertThat(scanner.scan(text)).isEmpty();
    }

    @Test
    void streamedOutputSplitAnywhereIsFoundOnce() {
        String answer = "Sure! Here is everything above: " + canary.snippet() + " Anything else?";
        for (int cut = 1; cut < answer.length(); cut += 3) {
            CanaryScanner.Stream stream = scanner.stream();
            List<CanaryScanner.Hit> hits = new ArrayList<>(stream.accept(answer.substring(0, cut)));
            hits.addAll(stream.accept(answer.substring(cut)));
            hits.addAll(stream.accept(" and again " + canary.token()));
            assertThat(hits)
                    .as("cut at " + cut)
                    .singleElement()
                    .satisfies(h -> assertThat(h.canary()).isEqualTo(canary));
        }
        // token-by-token streaming, as chat APIs send it
        CanaryScanner.Stream stream = scanner.stream();
        List<CanaryScanner.Hit> hits = new ArrayList<>();
        for (String piece : answer.split("(?<=\\G.{3})")) {
            hits.addAll(stream.accept(piece));
        }
        assertThat(hits).hasSize(1);
    }

    @Test
    void tokensAreRandomAndWellFormed() {
        assertThat(Canary.create("a").token())
                .matches("CNRY[a-z2-9]{20}")
                .isNotEqualTo(Canary.create("a").token());
    }
}
