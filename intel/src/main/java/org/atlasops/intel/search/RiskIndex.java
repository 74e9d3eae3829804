package org.atlasops.intel.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.atlasops.intel.incident.Check;
import org.atlasops.intel.mapping.Suggestion;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.Technique;

/**
 * One full-text index over every source of the AI risk database, faceted by source, technique, tactic, maturity,
 * affected model or system, and year. A technique filter also finds its sub-techniques. Built in memory from the
 * sources given; thread-safe once built.
 */
public final class RiskIndex {
    private static final String ORD = "ord";
    private static final String SOURCE = "source";
    private static final String TECHNIQUE = "technique";
    private static final String TACTIC = "tactic";
    private static final String MATURITY = "maturity";
    private static final String SYSTEM = "system";
    private static final String DAY = "day";
    private static final String TITLE = "title";
    private static final String TEXT = "text";
    private static final int FACET_SCAN = 20_000;

    private final KnowledgeBase kb;
    private final List<RiskRecord> records = new ArrayList<>();
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexSearcher searcher;
    private final Map<String, Integer> perSource = new TreeMap<>();

    private RiskIndex(KnowledgeBase kb, List<RiskSource> sources) {
        this.kb = kb;
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (RiskSource s : sources) {
                for (RiskRecord r : s.records()) {
                    Document d = new Document();
                    d.add(new StoredField(ORD, records.size()));
                    records.add(r);
                    perSource.merge(r.source(), 1, Integer::sum);
                    d.add(new StringField(SOURCE, r.source(), Field.Store.NO));
                    for (String t : techniqueTerms(r)) {
                        d.add(new StringField(TECHNIQUE, t, Field.Store.NO));
                    }
                    for (AtlasId t : tactics(r)) {
                        d.add(new StringField(TACTIC, t.value(), Field.Store.NO));
                    }
                    for (String m : maturities(r)) {
                        d.add(new StringField(MATURITY, m, Field.Store.NO));
                    }
                    for (String sys : r.systems()) {
                        d.add(new StringField(SYSTEM, sys.toLowerCase(Locale.ROOT), Field.Store.NO));
                    }
                    r.date().ifPresent(day -> d.add(new LongPoint(DAY, day.toEpochDay())));
                    d.add(new TextField(TITLE, r.title() + " " + r.key(), Field.Store.NO));
                    d.add(new TextField(TEXT, r.text() + " " + String.join(" ", r.systems()), Field.Store.NO));
                    w.addDocument(d);
                }
            }
            w.commit();
            searcher = new IndexSearcher(DirectoryReader.open(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the risk index", e);
        }
    }

    /** Indexes every record of the sources. */
    public static RiskIndex build(KnowledgeBase kb, List<RiskSource> sources) {
        return new RiskIndex(kb, sources);
    }

    /** How many records each source gave. */
    public Map<String, Integer> sizes() {
        return Map.copyOf(perSource);
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    public RiskResults search(RiskQuery q) {
        Query query = build(q);
        try {
            TopDocs top = searcher.search(query, q.limit());
            List<RiskHit> hits = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                hits.add(new RiskHit(record(sd.doc), sd.score));
            }
            TopDocs all = searcher.search(query, FACET_SCAN);
            Map<String, Map<String, Integer>> facets = new LinkedHashMap<>();
            for (String f : List.of(SOURCE, TECHNIQUE, TACTIC, MATURITY, SYSTEM, "year")) {
                facets.put(f, new HashMap<>());
            }
            for (ScoreDoc sd : all.scoreDocs) {
                RiskRecord r = record(sd.doc);
                facets.get(SOURCE).merge(r.source(), 1, Integer::sum);
                r.techniques().stream()
                        .map(t -> t.technique().value())
                        .distinct()
                        .forEach(t -> facets.get(TECHNIQUE).merge(t, 1, Integer::sum));
                tactics(r).forEach(t -> facets.get(TACTIC).merge(t.value(), 1, Integer::sum));
                maturities(r).forEach(m -> facets.get(MATURITY).merge(m, 1, Integer::sum));
                r.systems().forEach(s -> facets.get(SYSTEM).merge(s, 1, Integer::sum));
                r.date().ifPresent(d -> facets.get("year").merge(String.valueOf(d.getYear()), 1, Integer::sum));
            }
            Map<String, Map<String, Integer>> sorted = new LinkedHashMap<>();
            facets.forEach((k, v) -> sorted.put(k, top(v, k.equals(SYSTEM) ? 20 : 50)));
            return new RiskResults((int) Math.min(Integer.MAX_VALUE, all.totalHits.value), hits, sorted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> top(Map<String, Integer> counts, int n) {
        Map<String, Integer> m = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    private RiskRecord record(int doc) throws IOException {
        return records.get(searcher.storedFields()
                .document(doc)
                .getField(ORD)
                .numericValue()
                .intValue());
    }

    private Query build(RiskQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        String text = q.text();
        Optional<AtlasId> technique = q.technique();
        if (technique.isEmpty() && AtlasId.isId(text) && AtlasId.parse(text).isTechnique()) {
            // a technique ID typed as the query is a technique filter
            technique = Optional.of(AtlasId.parse(text));
            text = "";
        }
        boolean words = false;
        if (!text.isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String term : analyze(text)) {
                any.add(new BoostQuery(new TermQuery(new Term(TITLE, term)), 3f), BooleanClause.Occur.SHOULD);
                any.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD);
                words = true;
            }
            if (words) {
                b.add(any.build(), BooleanClause.Occur.MUST);
            }
        }
        if (!words) {
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        }
        technique.ifPresent(t -> b.add(new TermQuery(new Term(TECHNIQUE, t.value())), BooleanClause.Occur.FILTER));
        q.tactic().ifPresent(t -> b.add(new TermQuery(new Term(TACTIC, t.value())), BooleanClause.Occur.FILTER));
        q.maturity()
                .ifPresent(m -> b.add(
                        new TermQuery(new Term(MATURITY, m.toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER));
        q.system()
                .ifPresent(s ->
                        b.add(new TermQuery(new Term(SYSTEM, s.toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER));
        if (!q.sources().isEmpty()) {
            BooleanQuery.Builder src = new BooleanQuery.Builder();
            q.sources().forEach(s -> src.add(new TermQuery(new Term(SOURCE, s)), BooleanClause.Occur.SHOULD));
            b.add(src.build(), BooleanClause.Occur.FILTER);
        }
        if (q.from().isPresent() || q.to().isPresent()) {
            long lo = q.from().map(d -> d.toEpochDay()).orElse(Long.MIN_VALUE);
            long hi = q.to().map(d -> d.toEpochDay()).orElse(Long.MAX_VALUE);
            b.add(LongPoint.newRangeQuery(DAY, lo, hi), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    private List<String> analyze(String text) {
        List<String> out = new ArrayList<>();
        try (var ts = analyzer.tokenStream(TEXT, text)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < 32) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream().distinct().toList();
    }

    /** A record's techniques and, for sub-techniques, their parents: so a filter on a parent finds its subs. */
    private static Set<String> techniqueTerms(RiskRecord r) {
        Set<String> s = new LinkedHashSet<>();
        for (Suggestion t : r.techniques()) {
            s.add(t.technique().value());
            t.technique().parent().ifPresent(p -> s.add(p.value()));
        }
        return s;
    }

    private Set<AtlasId> tactics(RiskRecord r) {
        Set<AtlasId> s = new LinkedHashSet<>();
        for (Suggestion t : r.techniques()) {
            kb.technique(t.technique()).ifPresent(tech -> s.addAll(Check.tacticsOf(tech, kb)));
        }
        return s;
    }

    private Set<String> maturities(RiskRecord r) {
        Set<String> s = new LinkedHashSet<>();
        for (Suggestion t : r.techniques()) {
            kb.technique(t.technique())
                    .flatMap(Technique::maturity)
                    .map(Maturity::label)
                    .ifPresent(s::add);
        }
        return s;
    }
}
