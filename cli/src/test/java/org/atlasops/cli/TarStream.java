package org.atlasops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entries of a tar stream, read by hand for the container image's tests: ustar and GNU headers, GNU long names
 * and links, and the PAX records that carry long paths and sizes (what Jib and GNU tar write).
 */
final class TarStream {
    private static final int BLOCK = 512;

    /** One entry's header. {@code type} is the tar type flag: '0' file, '1' hard link, '2' symlink, '5' folder. */
    record Entry(String name, char type, int mode, long uid, long gid, long size, String linkName) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private final InputStream in;
    private long left;
    private long padding;

    TarStream(InputStream in) {
        this.in = in;
    }

    /** The next entry; its content is read from {@link #content()} before the next call. */
    Optional<Entry> next() throws IOException {
        skipRest();
        String longName = null;
        String longLink = null;
        String paxPath = null;
        String paxLink = null;
        Long paxSize = null;
        while (true) {
            byte[] h = in.readNBytes(BLOCK);
            if (h.length < BLOCK || isZero(h)) {
                return Optional.empty();
            }
            char type = (char) h[156];
            long size = number(h, 124, 12);
            if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
                String body = new String(readBody(size), StandardCharsets.UTF_8);
                switch (type) {
                    case 'L' -> longName = cString(body);
                    case 'K' -> longLink = cString(body);
                    case 'x' -> {
                        for (String record : pax(body)) {
                            int eq = record.indexOf('=');
                            String key = record.substring(0, eq);
                            String value = record.substring(eq + 1);
                            switch (key) {
                                case "path" -> paxPath = value;
                                case "linkpath" -> paxLink = value;
                                case "size" -> paxSize = Long.parseLong(value);
                                default -> {}
                            }
                        }
                    }
                    default -> {} // global PAX records: nothing this reader needs
                }
                continue;
            }
            String name = cString(text(h, 0, 100));
            if (text(h, 257, 6).equals("ustar\0")) {
                String prefix = cString(text(h, 345, 155));
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            name = paxPath != null ? paxPath : longName != null ? longName : name;
            String link = paxLink != null ? paxLink : longLink != null ? longLink : cString(text(h, 157, 100));
            size = paxSize != null ? paxSize : size;
            long contentSize = type == '5' || type == '1' || type == '2' ? 0 : size;
            left = contentSize;
            padding = pad(contentSize);
            return Optional.of(
                    new Entry(name, type, (int) number(h, 100, 8), number(h, 108, 8), number(h, 116, 8), size, link));
        }
    }

    /** The current entry's content; closing it does not close the tar stream. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(buf, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    private byte[] readBody(long size) throws IOException {
        byte[] body = in.readNBytes(Math.toIntExact(size));
        in.skipNBytes(pad(size));
        return body;
    }

    private void skipRest() throws IOException {
        in.skipNBytes(left + padding);
        left = 0;
        padding = 0;
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] h, int off, int len) {
        return new String(h, off, len, StandardCharsets.UTF_8);
    }

    private static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** An octal field, or GNU's base-256 form for large values (high bit of the first byte set). */
    private static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (h[off + i] & 0xff);
            }
            return v;
        }
        String s = cString(text(h, off, len)).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    /** PAX records: "LEN key=value\n", LEN counting the whole record in bytes. */
    private static List<String> pax(String body) {
        List<String> records = new ArrayList<>();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < bytes.length && bytes[i] != 0) {
            int space = i;
            while (bytes[space] != ' ') {
                space++;
            }
            int len = Integer.parseInt(new String(bytes, i, space - i, StandardCharsets.US_ASCII));
            records.add(new String(bytes, space + 1, len - (space - i) - 2, StandardCharsets.UTF_8));
            i += len;
        }
        return records;
    }
}
