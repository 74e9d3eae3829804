package org.atlasops.intel.aiid;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.atlasops.intel.mapping.Evidence;
import org.atlasops.intel.mapping.TechniqueMapping;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;

/**
 * Reads a weekly AIID snapshot at run time: the {@code backup-YYYYMMDD.tar.bz2} as downloaded, the folder it
 * unpacks to, or its {@code incidents.csv} (the other CSVs are then looked for beside it). Uses
 * {@code incidents.csv}, {@code reports.csv} and every {@code classifications_<namespace>.csv}; the mongodump is
 * not read. A bad row is reported with file, line and field, and the rest is kept.
 */
public final class AiidReader {
    static final long MAX_CSV = 512L * 1024 * 1024;
    static final long MAX_ARCHIVE = 4L * 1024 * 1024 * 1024;

    private final KnowledgeBase kb;
    private final List<String> problems = new ArrayList<>();

    private AiidReader(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** A snapshot archive ({@code .tar.bz2}), its unpacked folder, or its {@code incidents.csv}. */
    public static AiidSnapshot read(Path path, KnowledgeBase kb) {
        return new AiidReader(kb).build(path.toString(), csvTexts(path));
    }

    /** The CSVs of a snapshot that atlas-ops reads, by file name. */
    public static Map<String, String> csvTexts(Path path) {
        if (!Files.exists(path)) {
            throw new BadInputException(
                    path + ": no such file or folder; give an AIID snapshot (backup-YYYYMMDD.tar.bz2, "
                            + "the folder it unpacks to, or its incidents.csv)");
        }
        Map<String, String> csvs = new TreeMap<>();
        try {
            if (Files.isDirectory(path)) {
                collect(path, csvs);
            } else if (path.getFileName().toString().endsWith(".tar.bz2")) {
                untar(path, csvs);
            } else if (path.getFileName().toString().endsWith(".csv")) {
                collect(path.toAbsolutePath().getParent(), csvs);
                String name = path.getFileName().toString();
                if (!name.equals("incidents.csv")) {
                    throw new BadInputException(
                            path + ": expected the snapshot's incidents.csv (or the folder or archive)");
                }
            } else {
                throw new BadInputException(
                        path + ": not an AIID snapshot: give backup-YYYYMMDD.tar.bz2, the folder it "
                                + "unpacks to, or its incidents.csv");
            }
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot be read: " + e.getMessage());
        }
        return csvs;
    }

    /** The snapshot from CSV texts by file name ({@code incidents.csv}, ...): what the other entry points feed. */
    public static AiidSnapshot fromTexts(String source, Map<String, String> csvs, KnowledgeBase kb) {
        return new AiidReader(kb).build(source, csvs);
    }

    private static void collect(Path dir, Map<String, String> csvs) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (wanted(name)) {
                    if (Files.size(p) > MAX_CSV) {
                        throw new BadInputException(p + ": larger than " + MAX_CSV / (1024 * 1024) + " MiB");
                    }
                    csvs.putIfAbsent(name, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static void untar(Path archive, Map<String, String> csvs) throws IOException {
        if (Files.size(archive) > MAX_ARCHIVE) {
            throw new BadInputException(archive + ": larger than 4 GiB; an AIID snapshot is a few hundred MiB");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new BZip2CompressorInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (e.isFile() && wanted(name)) {
                    if (e.getSize() > MAX_CSV) {
                        throw new BadInputException(
                                archive + ": " + e.getName() + " is larger than " + MAX_CSV / (1024 * 1024) + " MiB");
                    }
                    csvs.putIfAbsent(name, new String(tar.readNBytes((int) e.getSize()), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new BadInputException(archive + ": not a readable .tar.bz2: " + e.getMessage());
        }
    }

    private static boolean wanted(String name) {
        return name.equals("incidents.csv")
                || name.equals("reports.csv")
                || (name.startsWith("classifications_") && name.endsWith(".csv"));
    }

    private AiidSnapshot build(String source, Map<String, String> csvs) {
        String incidentsCsv = csvs.get("incidents.csv");
        if (incidentsCsv == null) {
            throw new BadInputException(source + ": no incidents.csv in the snapshot");
        }
        List<Csv.Row> incidentRows = rows(incidentsCsv, "incidents.csv");
        require(incidentRows, "incidents.csv", List.of("incident_id", "title"));
        Map<Integer, String> reportTitles = new HashMap<>();
        if (csvs.containsKey("reports.csv")) {
            for (Csv.Row row : rows(csvs.get("reports.csv"), "reports.csv")) {
                Optional<String> n = row.get("report_number");
                if (n.isEmpty()) {
                    continue;
                }
                try {
                    reportTitles.put(Integer.parseInt(n.get()), row.get("title").orElse(""));
                } catch (NumberFormatException e) {
                    problems.add("reports.csv:" + row.line() + ": report_number: '" + n.get()
                            + "' is not a number; row left out");
                }
            }
        }
        Map<Integer, Map<String, String>> classifications = new HashMap<>();
        csvs.forEach((name, text) -> {
            if (name.startsWith("classifications_")) {
                String ns = name.substring("classifications_".length(), name.length() - 4);
                for (Csv.Row row : rows(text, name)) {
                    Optional<Integer> id = incidentOf(row, name);
                    if (id.isEmpty()) {
                        continue;
                    }
                    Map<String, String> m = classifications.computeIfAbsent(id.get(), k -> new LinkedHashMap<>());
                    row.fields().forEach((k, v) -> {
                        if (v != null && !v.isBlank() && !isIdColumn(k) && v.length() < 2000) {
                            m.put(ns + ":" + k, v.strip());
                        }
                    });
                }
            }
        });
        List<AiidIncident> incidents = new ArrayList<>();
        for (Csv.Row row : incidentRows) {
            String idText = row.get("incident_id").orElse("");
            int id;
            try {
                id = Integer.parseInt(idText);
            } catch (NumberFormatException e) {
                problems.add("incidents.csv:" + row.line() + ": incident_id: '" + idText
                        + "' is not a number; row left out");
                continue;
            }
            Optional<LocalDate> date = Optional.empty();
            Optional<String> dateText = row.get("date");
            if (dateText.isPresent()) {
                try {
                    date = Optional.of(LocalDate.parse(dateText.get()
                            .substring(0, Math.min(10, dateText.get().length()))));
                } catch (DateTimeParseException e) {
                    problems.add("incidents.csv:" + row.line() + ": date: '" + dateText.get()
                            + "' is not a date (YYYY-MM-DD); the incident is kept without one");
                }
            }
            List<String> titles = new ArrayList<>();
            for (String n : list(row.get("reports").orElse(""))) {
                try {
                    Optional.ofNullable(reportTitles.get(Integer.parseInt(n)))
                            .filter(t -> !t.isBlank())
                            .ifPresent(titles::add);
                } catch (NumberFormatException e) {
                    problems.add(
                            "incidents.csv:" + row.line() + ": reports: '" + n + "' is not a report number; ignored");
                }
            }
            Map<String, String> cls = classifications.getOrDefault(id, Map.of());
            String title = row.get("title").orElse("");
            String description = row.get("description").orElse("");
            String text = title + "\n" + description + "\n" + String.join("\n", titles) + "\n"
                    + String.join("\n", cls.values());
            incidents.add(new AiidIncident(
                    id,
                    date,
                    title,
                    description,
                    list(row.get("Alleged deployer of AI system").orElse("")),
                    list(row.get("Alleged developer of AI system").orElse("")),
                    list(row.get("Alleged harmed or nearly harmed parties").orElse("")),
                    titles,
                    cls,
                    TechniqueMapping.shipped().suggest(Evidence.ofText(text), kb)));
        }
        return new AiidSnapshot(source, incidents, problems);
    }

    private Optional<Integer> incidentOf(Csv.Row row, String file) {
        for (Map.Entry<String, String> e : row.fields().entrySet()) {
            if (isIdColumn(e.getKey()) && e.getValue() != null && !e.getValue().isBlank()) {
                String v = e.getValue().replaceAll("[\\[\\]\"' ]", "");
                try {
                    return Optional.of(Integer.parseInt(v.split(",")[0]));
                } catch (NumberFormatException ex) {
                    problems.add(file + ":" + row.line() + ": " + e.getKey() + ": '" + e.getValue()
                            + "' is not an incident number; row left out");
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isIdColumn(String column) {
        String c = column.toLowerCase(Locale.ROOT).replace(' ', '_');
        return c.equals("incident_id") || c.equals("incidents") || c.equals("incident_number");
    }

    private List<Csv.Row> rows(String text, String file) {
        try (Reader r = new StringReader(text)) {
            return Csv.read(r, file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage());
        }
    }

    private static void require(List<Csv.Row> rows, String file, List<String> columns) {
        List<String> header = Csv.header(rows);
        for (String c : columns) {
            if (!rows.isEmpty() && !header.contains(c)) {
                throw new BadInputException(file + ":1: no column '" + c + "'; the snapshot's incidents.csv has "
                        + "_id, incident_id, date, reports, ..., description, title");
            }
        }
    }

    /** AIID writes lists as {@code ["a","b"]} or {@code [1,2]}; plain text is a list of one. */
    static List<String> list(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String part : t.split(",")) {
            String p = part.strip().replaceAll("^[\"']|[\"']$", "").strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
