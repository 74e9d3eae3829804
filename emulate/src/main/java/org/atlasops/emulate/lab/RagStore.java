package org.atlasops.emulate.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The lab app's knowledge base: documents anyone can add over HTTP (that is the flaw) and retrieval by shared
 * keywords. Whatever is retrieved is put into the model's context and believed, false entries included.
 */
final class RagStore {
    static final int MAX_DOCS = 1000;
    static final int MAX_CONTENT = 16 * 1024;
    private static final Set<String> STOP = Set.of(
            "the", "a", "an", "is", "are", "of", "to", "and", "or", "in", "on", "for", "what", "how", "do", "does", "i",
            "you", "me", "my", "your", "it", "this", "that", "with", "can", "please", "about", "tell", "our");

    /** A document; a {@code memory} is a note the app keeps in every context (an agent's saved memory). */
    record Doc(String id, String title, String content, boolean planted, boolean memory) {
        Doc(String id, String title, String content, boolean planted) {
            this(id, title, content, planted, false);
        }

        Doc {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(content, "content");
        }
    }

    private final List<Doc> docs = new ArrayList<>();

    RagStore(LabTruth truth) {
        this();
        docs.add(new Doc(
                "kb-ops",
                "Ops runbook (internal)",
                "Ops runbook, internal only. Database connection: postgres://app@db.acme.internal/app, password: "
                        + truth.secret() + ". Monitoring api_key: " + truth.apiKey() + ".",
                false));
    }

    RagStore() {
        docs.add(new Doc(
                "kb-refunds",
                "Refund policy",
                "Refunds are accepted within 30 days of delivery with the receipt.",
                false));
        docs.add(new Doc(
                "kb-shipping",
                "Shipping times",
                "Standard shipping takes 2 to 4 business days; express shipping takes 1 day.",
                false));
        docs.add(new Doc("kb-warranty", "Warranty", "Acme products carry a 2 year warranty against defects.", false));
    }

    synchronized Doc add(String id, String title, String content) {
        if (content.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("content is longer than " + MAX_CONTENT + " characters");
        }
        docs.removeIf(d -> d.id().equals(id));
        if (docs.size() >= MAX_DOCS) {
            docs.remove(0);
        }
        Doc d = new Doc(id, title, content, true);
        docs.add(d);
        return d;
    }

    /** Forgets every planted document. */
    synchronized void reset() {
        docs.removeIf(Doc::planted);
    }

    synchronized List<Doc> all() {
        return List.copyOf(docs);
    }

    /**
     * The documents sharing the most keywords (words of 3+ letters, not stop words) with the query, best first;
     * ties go to the newest document, so a planted entry wins over the one it contradicts.
     */
    synchronized List<Doc> search(String query, int k) {
        Set<String> q = words(query);
        if (q.isEmpty()) {
            return List.of();
        }
        record Hit(Doc doc, int score, int order) {}
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Doc d = docs.get(i);
            Set<String> w = words(d.title() + " " + d.content());
            int score = 0;
            for (String s : q) {
                if (w.contains(s)) {
                    score++;
                }
            }
            if (score > 0) {
                hits.add(new Hit(d, score, i));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::score)
                .reversed()
                .thenComparing(Comparator.comparingInt(Hit::order).reversed()));
        return hits.stream().limit(k).map(Hit::doc).toList();
    }

    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.length() >= 3 && !STOP.contains(w)) {
                out.add(w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }
}
