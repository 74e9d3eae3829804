package org.atlasops.intel.aiid;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;

/**
 * RFC 4180 CSV as the AIID snapshot writes it: a header row, fields in double quotes when they hold commas, quotes
 * or line breaks. Each row knows the line it starts on. Fields and rows are bounded.
 */
final class Csv {
    static final int MAX_FIELD = 2 * 1024 * 1024;
    static final int MAX_ROWS = 500_000;

    record Row(int line, Map<String, String> fields) {
        Optional<String> get(String column) {
            return Optional.ofNullable(fields.get(column)).map(String::strip).filter(s -> !s.isEmpty());
        }
    }

    private final Reader in;
    private final String file;
    private int line = 1;
    private int pushed = -2;

    private Csv(Reader in, String file) {
        this.in = in;
        this.file = file;
    }

    /** Every row, keyed by the header's names; an unterminated quote is bad input naming the line it started on. */
    static List<Row> read(Reader in, String file) throws IOException {
        Csv c = new Csv(in, file);
        List<String> header = c.record();
        if (header == null) {
            throw new BadInputException(file + ":1: empty; expected a header row");
        }
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        List<Row> rows = new ArrayList<>();
        while (true) {
            int start = c.line;
            List<String> values = c.record();
            if (values == null) {
                break;
            }
            if (values.size() == 1 && values.get(0).isEmpty()) {
                continue;
            }
            if (rows.size() >= MAX_ROWS) {
                throw new BadInputException(file + ":" + start + ": more than " + MAX_ROWS + " rows");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i).strip(), i < values.size() ? values.get(i) : null);
            }
            rows.add(new Row(start, m));
        }
        return rows;
    }

    static List<String> header(List<Row> rows) {
        return rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).fields().keySet());
    }

    private int next() throws IOException {
        if (pushed != -2) {
            int c = pushed;
            pushed = -2;
            return c;
        }
        int c = in.read();
        if (c == '\n') {
            line++;
        }
        return c;
    }

    /** One record, or null at the end. */
    private List<String> record() throws IOException {
        int c = next();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        int quoteLine = line;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new BadInputException(file + ":" + quoteLine + ": a quoted field is never closed; "
                            + "the file is cut short or a quote is not doubled");
                }
                if (c == '"') {
                    int d = next();
                    if (d == '"') {
                        f.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    f.append((char) c);
                }
            } else if (c == '"' && f.length() == 0) {
                quoted = true;
                quoteLine = line;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\n' || c == -1) {
                fields.add(stripCr(f));
                return fields;
            } else {
                f.append((char) c);
            }
            if (f.length() > MAX_FIELD) {
                throw new BadInputException(file + ":" + line + ": a field longer than " + MAX_FIELD / 1024 + " KiB");
            }
            c = next();
        }
    }

    private static String stripCr(StringBuilder f) {
        int n = f.length();
        return n > 0 && f.charAt(n - 1) == '\r' ? f.substring(0, n - 1) : f.toString();
    }
}
