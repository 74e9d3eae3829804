package org.atlasops.intel.anonymise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.intel.anonymise.Anonymised.Change;
import org.atlasops.intel.anonymise.Anonymised.Kind;
import org.atlasops.intel.anonymise.Anonymised.Replacement;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.Study;
import org.atlasops.intel.incident.StudyType;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;

/**
 * Makes an incident shareable. In every free-text field (name, summary, step descriptions) it replaces secrets,
 * e-mail addresses, URLs, IP addresses, host names and names (the incident's own target, actor and reporter, and
 * those the analyst lists) by placeholders such as {@code [HOST-2]}: one value gets one placeholder across the whole
 * incident, so the story still reads. Target and actor are generalised, the reporter dropped, the date coarsened,
 * and the timeline, assets, alerts and notes withheld: the result is a {@link Study}, which has no room for them.
 *
 * <p>Names are found by list, not guessed: a person or organisation the text names and nobody listed stays. The
 * preview shows every replacement so the analyst can add what was missed.
 */
public final class Anonymiser {
    private static final Pattern SECRET = Pattern.compile(String.join(
            "|",
            "\\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{16,}",
            "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b",
            "\\bgh[pousr]_[A-Za-z0-9]{20,}",
            "\\bgithub_pat_[A-Za-z0-9_]{20,}",
            "\\bxox[abprs]-[A-Za-z0-9-]{10,}",
            "\\bAIza[0-9A-Za-z_-]{35}",
            "\\bhf_[A-Za-z0-9]{20,}",
            "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}",
            "(?i)(?<=\\bbearer\\s)[A-Za-z0-9._~+/-]{16,}=*",
            "(?i)(?<=\\b(?:api[_-]?key|token|secret|password|passwd)\\s?[:=]\\s?)[^\\s\"',;]{8,}",
            // a long unbroken mix of letters and digits: a key nobody recognised by its prefix
            "\\b(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{32,}\\b"));
    private static final Pattern EMAIL = Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b");
    private static final Pattern URL =
            Pattern.compile("\\b(?:https?|ftp|wss?)://[^\\s<>\"')\\]]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern IP = Pattern.compile(
            "\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:/\\d{1,2})?\\b"
                    + "|(?<![\\w:])(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{1,4})*(?![\\w:])");
    private static final Pattern HOST =
            Pattern.compile("\\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+(?:[A-Za-z]{2,24})\\b");
    /** Host-shaped words that are not hosts: file names and code. */
    private static final Pattern NOT_HOST = Pattern.compile(
            "(?i).*\\.(?:py|js|ts|java|json|yaml|yml|txt|md|csv|pdf|png|jpg|exe|dll|sh|log|pkl|pt|bin|onnx|gguf)$");

    private static final Map<Kind, String> PREFIX = new EnumMap<>(Map.of(
            Kind.SECRET,
            "SECRET",
            Kind.EMAIL,
            "EMAIL",
            Kind.URL,
            "URL",
            Kind.IP,
            "IP",
            Kind.HOST,
            "HOST",
            Kind.NAME,
            "NAME"));

    private final Options options;
    private final List<String> names;
    private final Map<String, Replacement> found = new LinkedHashMap<>();
    private final Map<Kind, Integer> counters = new EnumMap<>(Kind.class);

    private Anonymiser(Options options, List<String> names) {
        this.options = options;
        // longer names first, so "Acme Bank Europe" is replaced before "Acme Bank"
        this.names = names.stream()
                .filter(n -> n.length() >= 2)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** The shareable form of an incident and the preview of what changed. */
    public static Anonymised anonymise(Incident incident, Options options) {
        Study s = incident.study();
        List<String> names = new ArrayList<>(options.names());
        if (!s.target().isEmpty()) {
            names.add(s.target());
        }
        if (!s.actor().isEmpty()) {
            names.add(s.actor());
        }
        s.reporter().ifPresent(names::add);
        return new Anonymiser(options, names).run(incident);
    }

    private Anonymised run(Incident incident) {
        Study s = incident.study();
        List<Change> changes = new ArrayList<>();
        String name = scrub(s.name());
        String summary = scrub(s.summary());
        List<ProcedureStep> steps = new ArrayList<>();
        for (ProcedureStep p : s.procedure()) {
            steps.add(new ProcedureStep(p.tacticId(), p.techniqueId(), scrub(p.description())));
        }
        String target = options.target().orElseGet(() -> generalTarget(s.target()));
        String actor = options.actor().orElseGet(() -> generalActor(s));
        IncidentDate date = coarsen(s.date(), options.coarsen());
        List<Reference> refs = options.keepReferences()
                ? s.references().stream()
                        .map(r -> new Reference(scrub(r.title()), r.url()))
                        .toList()
                : List.of();
        Study shared = new Study(name, summary, date, s.type(), target, actor, Optional.empty(), refs, steps);

        diff(changes, "name", s.name(), name);
        diff(changes, "summary", s.summary(), summary);
        for (int i = 0; i < steps.size(); i++) {
            diff(
                    changes,
                    "procedure[" + i + "].description",
                    s.procedure().get(i).description(),
                    steps.get(i).description());
        }
        diff(changes, "target", s.target(), target);
        diff(changes, "actor", s.actor(), actor);
        diff(changes, "reporter", s.reporter().orElse(""), "");
        diff(changes, "incident_date", s.date().toString(), date.toString());
        if (!options.keepReferences() && !s.references().isEmpty()) {
            changes.add(new Change("references", s.references().size() + " reference(s)", "(left out)"));
        }
        List<String> withheld = new ArrayList<>();
        if (!incident.timeline().moments().isEmpty()) {
            withheld.add("timeline");
        }
        if (!incident.assets().isEmpty()) {
            withheld.add("assets");
        }
        if (!incident.alertIds().isEmpty()) {
            withheld.add("alert_ids");
        }
        if (!incident.notes().isEmpty()) {
            withheld.add("notes");
        }
        return new Anonymised(shared, incident.tlp(), changes, List.copyOf(found.values()), withheld);
    }

    private static void diff(List<Change> changes, String field, String before, String after) {
        if (!before.equals(after)) {
            changes.add(new Change(field, before, after));
        }
    }

    /** Replaces everything found in a text, the same value by the same placeholder. */
    String scrub(String text) {
        String t = replace(text, SECRET, Kind.SECRET);
        t = replace(t, EMAIL, Kind.EMAIL);
        t = replace(t, URL, Kind.URL);
        t = replace(t, IP, Kind.IP);
        t = replaceHosts(t);
        for (String n : names) {
            t = replace(
                    t,
                    Pattern.compile(
                            "(?<![\\p{L}\\p{N}])" + Pattern.quote(n) + "(?![\\p{L}\\p{N}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                    Kind.NAME);
        }
        return t;
    }

    private String replace(String text, Pattern p, Kind kind) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = m.group();
            if (value.startsWith("[") || isPlaceholderPart(text, m.start())) {
                m.appendReplacement(b, Matcher.quoteReplacement(value));
                continue;
            }
            m.appendReplacement(b, Matcher.quoteReplacement(placeholder(kind, value)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private String replaceHosts(String text) {
        Matcher m = HOST.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = m.group();
            boolean hostLike = !NOT_HOST.matcher(value).matches()
                    && !value.matches("(?i)[a-z]+\\.[a-z]+[A-Z][A-Za-z0-9]*") // garak probe names: dan.DanInTheWild
                    && !value.matches("\\d+(?:\\.\\d+)+") // version numbers
                    && !value.matches("(?i)(?:aml|e\\.g|i\\.e|etc|vs)\\..*") // ATLAS IDs, abbreviations
                    && !isPlaceholderPart(text, m.start());
            m.appendReplacement(b, Matcher.quoteReplacement(hostLike ? placeholder(Kind.HOST, value) : value));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static boolean isPlaceholderPart(String text, int at) {
        int open = text.lastIndexOf('[', at);
        int close = text.lastIndexOf(']', at);
        return open > close && open >= 0 && at - open < 16;
    }

    private String placeholder(Kind kind, String value) {
        // case-insensitive for names and hosts: "Acme" and "ACME" are one party
        String key = kind + "\u0000"
                + (kind == Kind.NAME || kind == Kind.HOST || kind == Kind.EMAIL
                        ? value.toLowerCase(Locale.ROOT)
                        : value);
        Replacement r = found.get(key);
        if (r == null) {
            int n = counters.merge(kind, 1, Integer::sum);
            r = new Replacement(kind, value, "[" + PREFIX.get(kind) + "-" + n + "]", 0);
        }
        r = new Replacement(r.kind(), r.value(), r.placeholder(), r.count() + 1);
        found.put(key, r);
        return r.placeholder();
    }

    static IncidentDate coarsen(IncidentDate d, Coarsen c) {
        LocalDate date = d.date();
        if (c == Coarsen.YEAR || d.granularity() == IncidentDate.Granularity.YEAR) {
            return new IncidentDate(LocalDate.of(date.getYear(), 1, 1), IncidentDate.Granularity.YEAR);
        }
        return new IncidentDate(date.withDayOfMonth(1), IncidentDate.Granularity.MONTH);
    }

    /** The kind of system a target names, without whose it is. */
    static String generalTarget(String target) {
        String t = target.toLowerCase(Locale.ROOT);
        String kind;
        if (t.matches(".*\\b(?:agent|agentic|copilot|assistant)s?\\b.*")) {
            kind = "an AI agent or assistant";
        } else if (t.matches(".*\\b(?:chatbot|chat bot|chat)\\b.*")) {
            kind = "an LLM chatbot";
        } else if (t.matches(".*\\b(?:rag|retrieval|search)\\b.*")) {
            kind = "a retrieval-augmented LLM application";
        } else if (t.matches(".*\\b(?:llm|gpt|language model|genai|generative)\\b.*")) {
            kind = "an LLM application";
        } else if (t.matches(".*\\b(?:mcp|tool server|plugin)\\b.*")) {
            kind = "an AI tool integration";
        } else if (t.matches(".*\\b(?:classifier|detector|model|vision|recognition)\\b.*")) {
            kind = "a machine-learning model";
        } else if (t.matches(".*\\b(?:pipeline|training|dataset|data set)\\b.*")) {
            kind = "an ML training pipeline";
        } else {
            kind = "an AI system";
        }
        return kind + " of an organisation";
    }

    private static String generalActor(Study s) {
        if (s.type() == StudyType.EXERCISE) {
            return "a red team";
        }
        String a = s.actor().toLowerCase(Locale.ROOT);
        if (a.matches(".*\\b(?:researcher|university|lab|academic)s?\\b.*")) {
            return "security researchers";
        }
        if (a.matches(".*\\b(?:insider|employee|contractor)s?\\b.*")) {
            return "an insider";
        }
        if (a.isBlank() || a.matches(".*\\b(?:unknown|unattributed)\\b.*")) {
            return "an unknown actor";
        }
        return "a threat actor";
    }
}
