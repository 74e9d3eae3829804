package org.atlasops.intel.avid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.atlasops.intel.mapping.Evidence;
import org.atlasops.intel.mapping.Suggestion;
import org.atlasops.intel.mapping.TechniqueMapping;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.failure.BadInputException;

/**
 * Reads AVID: the snapshot atlas-ops ships, or a clone of avidml/avid-db ({@code reports/} and
 * {@code vulnerabilities/}, JSON files and the {@code .jsonl} review batches). Every data version is read (0.1 to
 * 0.3.3, and records with no version); duplicate, missing, empty and mismatched IDs and unreadable files are reported
 * as {@link AvidFlaw}s and the rest is kept.
 */
public final class AvidReader {
    private static final String BUNDLED = "/org/atlasops/intel/avid/avid-db.jsonl.gz";
    /** The largest record file read; AVID's biggest is a few hundred KiB. */
    static final long MAX_FILE = 8L * 1024 * 1024;

    static final int MAX_FILES = 100_000;
    private static final Pattern GARAK_PROBE = Pattern.compile("probe `?([a-z_0-9]+\\.[A-Za-z_0-9]+)`?");
    private static final Pattern CASE_STUDY = Pattern.compile("AML\\.CS\\d{4}");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private final ObjectMapper json;
    private final KnowledgeBase kb;
    private final String source;
    private final List<AvidRecord> records = new ArrayList<>();
    private final List<AvidFlaw> flaws = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    private AvidReader(KnowledgeBase kb, String source) {
        this.kb = kb;
        this.source = source;
        this.json = JsonMapper.builder().build();
        json.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    /** The snapshot shipped with atlas-ops (avid-db at the commit its SOURCES.md names). */
    public static AvidSnapshot bundled(KnowledgeBase kb) {
        AvidReader r = new AvidReader(kb, "bundled AVID snapshot (avid-db 8eda5f4, 2026-03-26)");
        try (InputStream raw = AvidReader.class.getResourceAsStream(BUNDLED)) {
            if (raw == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the jar");
            }
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode wrapper = r.json.readTree(line);
                r.record(wrapper.path("path").asText("line " + n), wrapper.path("record"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled AVID snapshot", e);
        }
        return r.done();
    }

    /** A clone of the AVID repository: every JSON and JSON-lines file under {@code reports/} and {@code vulnerabilities/}. */
    public static AvidSnapshot directory(Path dir, KnowledgeBase kb) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a folder; give a clone of github.com/avidml/avid-db");
        }
        Path reports = dir.resolve("reports");
        Path vulns = dir.resolve("vulnerabilities");
        if (!Files.isDirectory(reports) && !Files.isDirectory(vulns)) {
            throw new BadInputException(dir + ": has neither reports/ nor vulnerabilities/; give a clone of "
                    + "github.com/avidml/avid-db");
        }
        AvidReader r = new AvidReader(kb, dir.toString());
        List<Path> files = new ArrayList<>();
        for (Path top : List.of(reports, vulns)) {
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(top, 4)) {
                walk.filter(Files::isRegularFile)
                        .filter(p ->
                                p.toString().endsWith(".json") || p.toString().endsWith(".jsonl"))
                        .sorted()
                        .limit(MAX_FILES)
                        .forEach(files::add);
            } catch (IOException e) {
                throw new BadInputException(top + ": cannot be listed: " + e.getMessage());
            }
        }
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            try {
                if (Files.size(f) > MAX_FILE) {
                    r.flaws.add(new AvidFlaw(
                            AvidFlaw.Kind.UNREADABLE,
                            rel,
                            "larger than " + MAX_FILE / (1024 * 1024) + " MiB; left out"));
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (rel.endsWith(".jsonl")) {
                    String[] lines = text.split("\n", -1);
                    for (int i = 0; i < lines.length; i++) {
                        if (!lines[i].isBlank()) {
                            r.parse(rel + ":" + (i + 1), lines[i]);
                        }
                    }
                } else {
                    r.parse(rel, text);
                }
            } catch (IOException e) {
                r.flaws.add(new AvidFlaw(AvidFlaw.Kind.UNREADABLE, rel, "cannot be read: " + e.getMessage()));
            }
        }
        return r.done();
    }

    private void parse(String where, String text) {
        try {
            record(where, json.readTree(text));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            flaws.add(new AvidFlaw(
                    AvidFlaw.Kind.UNREADABLE,
                    where.contains(".jsonl:") ? where : where + ":" + line,
                    "not valid JSON: " + e.getOriginalMessage() + "; left out"));
        }
    }

    private AvidSnapshot done() {
        return new AvidSnapshot(source, records, flaws);
    }

    private void record(String path, JsonNode r) {
        if (r == null || !r.isObject() || (!r.has("problemtype") && !r.has("metadata"))) {
            flaws.add(new AvidFlaw(
                    AvidFlaw.Kind.UNREADABLE, path, "not an AVID record (no metadata or problemtype); left out"));
            return;
        }
        String fileStem = stem(path);
        JsonNode md = r.path("metadata");
        boolean vuln = md.has("vuln_id") || path.startsWith("vulnerabilities/");
        String idField = vuln ? "vuln_id" : "report_id";
        JsonNode idNode = md.has("report_id") ? md.get("report_id") : md.get("vuln_id");
        Optional<String> id = Optional.empty();
        if (idNode == null || idNode.isNull()) {
            flaws.add(new AvidFlaw(AvidFlaw.Kind.MISSING_ID, path, "no metadata." + idField + "; kept under its path"));
        } else if (idNode.asText().isBlank()) {
            flaws.add(new AvidFlaw(
                    AvidFlaw.Kind.EMPTY_ID, path, "metadata." + idField + " is empty; kept under its path"));
        } else {
            id = Optional.of(idNode.asText().strip());
            if (!id.get().equals(fileStem)) {
                flaws.add(new AvidFlaw(
                        AvidFlaw.Kind.MISMATCHED_ID,
                        path,
                        "the file is named " + fileStem + " but the record says " + id.get()));
            }
        }
        // a record without an ID is kept under its path, which no real ID can take
        String key = id.orElse(path);
        if (!keys.add(key)) {
            flaws.add(new AvidFlaw(
                    AvidFlaw.Kind.DUPLICATE_ID, path, key + " is already taken by an earlier record; kept as " + path));
            key = path;
            keys.add(key);
        }
        String version = r.path("data_version").asText(r.path("version").asText(""));
        if (!r.hasNonNull("data_version")) {
            flaws.add(new AvidFlaw(
                    AvidFlaw.Kind.MISSING_VERSION,
                    path,
                    r.has("version")
                            ? "'version' instead of 'data_version' (" + version + ")"
                            : "no data_version; read as the oldest format"));
        }
        JsonNode pt = r.path("problemtype");
        JsonNode impact = r.path("impact");
        JsonNode avid = impact.path("avid");
        List<String> sep = strings(avid.path("sep_view"));
        List<String> lifecycle = strings(avid.path("lifecycle_view"));
        List<String> domains = strings(avid.path("risk_domain"));
        List<String> cwes = new ArrayList<>();
        impact.path("cwe").forEach(c -> {
            String cid = c.path("cweId").asText("").strip().toUpperCase(Locale.ROOT);
            if (!cid.isEmpty()) {
                cwes.add(cid.startsWith("CWE-") ? cid : "CWE-" + cid);
            }
        });
        List<String> odin = new ArrayList<>();
        impact.path("odin")
                .path("JailbreakTaxonomy")
                .forEach(j -> odin.add(j.path("Category").asText("")
                        + (j.path("Strategy").asText("").isEmpty()
                                ? ""
                                : "/" + j.path("Strategy").asText())));
        String title = value(pt.path("description"));
        String description = value(r.path("description"));
        List<String> probes = new ArrayList<>();
        Matcher m = GARAK_PROBE.matcher(title + "\n" + description);
        while (m.find()) {
            if (!probes.contains(m.group(1))) {
                probes.add(m.group(1));
            }
        }
        List<Reference> refs = new ArrayList<>();
        r.path("references")
                .forEach(x -> refs.add(
                        new Reference(x.path("label").asText(""), x.path("url").asText(""))));
        List<String> artifacts = new ArrayList<>();
        r.path("affects")
                .path("artifacts")
                .forEach(a -> artifacts.add(a.path("name").asText("")));
        artifacts.removeIf(String::isBlank);
        String classOf = pt.path("classof").asText("");

        List<Suggestion> techniques = official(impact.path("atlas"), refs, title, classOf);
        if (techniques.isEmpty()) {
            techniques = TechniqueMapping.shipped()
                    .suggest(new Evidence(sep, lifecycle, domains, cwes, odin, probes, title + "\n" + description), kb);
        }
        Optional<LocalDate> date = date(r.path("reported_date")).or(() -> date(r.path("published_date")));
        if (title.isEmpty()) {
            Matcher cve = CVE.matcher(description);
            title = cve.find() ? cve.group() : key;
        }
        records.add(new AvidRecord(
                key,
                id,
                path,
                vuln ? AvidRecord.Kind.VULNERABILITY : AvidRecord.Kind.REPORT,
                version.isEmpty() ? "none" : version,
                classOf,
                pt.path("type").asText(""),
                title,
                description,
                strings(r.path("affects").path("developer")),
                strings(r.path("affects").path("deployer")),
                artifacts,
                domains,
                sep,
                lifecycle,
                cwes,
                odin,
                probes,
                refs,
                date,
                techniques));
    }

    /**
     * The record's own ATLAS mapping: its {@code impact.atlas} steps, or for an "ATLAS Case Study" record the
     * procedure of the case study it links to.
     */
    private List<Suggestion> official(JsonNode atlas, List<Reference> refs, String title, String classOf) {
        List<Suggestion> out = new ArrayList<>();
        for (JsonNode step : atlas) {
            AtlasId.tryParse(step.path("technique").asText(""))
                    .filter(AtlasId::isTechnique)
                    .ifPresent(t -> out.add(Suggestion.official(t, "AVID impact.atlas")));
        }
        if (out.isEmpty() && classOf.equalsIgnoreCase("ATLAS Case Study")) {
            for (Reference ref : refs) {
                Matcher m = CASE_STUDY.matcher(ref.url() + " " + ref.title() + " " + title);
                if (m.find()) {
                    Optional<CaseStudy> cs = kb.caseStudy(m.group());
                    if (cs.isPresent()) {
                        for (ProcedureStep s : cs.get().procedure()) {
                            if (out.stream().noneMatch(x -> x.technique().equals(s.techniqueId()))) {
                                out.add(Suggestion.official(
                                        s.techniqueId(), "ATLAS case study " + m.group() + " procedure"));
                            }
                        }
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static Optional<LocalDate> date(JsonNode n) {
        String t = n.asText("");
        if (t.length() < 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(t.substring(0, 10)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String value(JsonNode langValue) {
        return langValue.isTextual()
                ? langValue.asText()
                : langValue.path("value").asText("");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            if (n.isTextual() && !n.asText().isBlank()) {
                out.add(n.asText().strip());
            }
        });
        return out;
    }

    private static String stem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
