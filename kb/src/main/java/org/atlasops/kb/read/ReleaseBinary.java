package org.atlasops.kb.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;

/**
 * A bundled release as the build pre-parsed it: the {@link KnowledgeBase} the YAML reader made, written field by
 * field, so that a short command such as {@code kb show} reads it in milliseconds instead of parsing 450 KB of YAML
 * (docs/benchmarks.md, start-up). The header names the YAML it was made from (length and CRC-32): a file made from
 * other YAML, of another layout or damaged is refused, and the caller reads the YAML instead.
 *
 * <p>Layout: magic and {@link #LAYOUT}, the YAML's length and CRC-32, the payload's length and CRC-32 (so damage
 * anywhere is noticed), then the payload: the table of every ATLAS ID (each checked once by {@link AtlasId}) and
 * the release; IDs are table indexes, strings UTF-8 with their length, enums by name. Change {@link #LAYOUT} with
 * any change of what is written.
 */
final class ReleaseBinary {
    private static final int MAGIC = 0x41544b42; // "ATKB"
    /** The layout's version: a file of another one is refused. */
    static final int LAYOUT = 1;
    /** More than any release needs (the largest YAML is under 1 MB), less than a damaged length could ask. */
    private static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    private ReleaseBinary() {}

    /** The checksum of the YAML a pre-parsed file stands for. */
    record Source(long length, long crc32) {
        static Source of(byte[] yaml) {
            return new Source(yaml.length, ReleaseBinary.crc32(yaml));
        }
    }

    /** Why a pre-parsed file was not used. */
    static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** Writes the release, made from YAML with this checksum. */
    static void write(KnowledgeBase kb, Source source, OutputStream out) throws IOException {
        Writer w = new Writer();
        w.release(kb);
        ByteArrayOutputStream payload = new ByteArrayOutputStream(w.body.size() + 16 * w.ids.size() + 8);
        DataOutputStream p = new DataOutputStream(payload);
        p.writeInt(w.ids.size());
        for (AtlasId id : w.ids.keySet()) {
            Writer.string(p, id.value());
        }
        w.body.writeTo(p);
        p.flush();
        byte[] bytes = payload.toByteArray();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(LAYOUT);
        d.writeLong(source.length());
        d.writeLong(source.crc32());
        d.writeInt(bytes.length);
        d.writeLong(crc32(bytes));
        d.write(bytes);
        d.flush();
    }

    /**
     * Reads a release written by {@link #write}, when it was made from YAML with this checksum.
     *
     * @throws RefusedException when it was made from other YAML or in another layout
     * @throws IOException when it is cut short or damaged
     */
    static KnowledgeBase read(InputStream in, Source expected) throws IOException {
        DataInputStream d = new DataInputStream(in);
        checkHeader(d, expected);
        int length = d.readInt();
        long crc = d.readLong();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("damaged: a length of " + length);
        }
        byte[] payload = new byte[length];
        d.readFully(payload);
        if (crc32(payload) != crc || d.read() != -1) {
            throw new IOException("damaged: its checksum or length does not match its content");
        }
        try {
            DataInputStream body = new DataInputStream(new ByteArrayInputStream(payload));
            KnowledgeBase kb = new Reader(body).release();
            if (body.read() != -1) {
                throw new IOException("data after the end of the release");
            }
            return kb;
        } catch (RuntimeException e) {
            // a file written by a different writer of the same layout can make a record refuse its values
            throw new IOException("damaged: " + e.getMessage(), e);
        }
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static void checkHeader(DataInputStream d, Source expected) throws IOException {
        if (d.readInt() != MAGIC) {
            throw new RefusedException("not a pre-parsed ATLAS release");
        }
        int layout = d.readInt();
        if (layout != LAYOUT) {
            throw new RefusedException("layout " + layout + ", this reader knows " + LAYOUT);
        }
        Source made = new Source(d.readLong(), d.readLong());
        // fields compared one by one: a record's generated equals costs milliseconds of set-up on first use
        if (made.length() != expected.length() || made.crc32() != expected.crc32()) {
            throw new RefusedException("made from other YAML (" + made + ", the bundled YAML is " + expected + ")");
        }
    }

    private static final class Writer {
        final Map<AtlasId, Integer> ids = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 18);
        final DataOutputStream out = new DataOutputStream(body);

        void release(KnowledgeBase kb) throws IOException {
            string(out, kb.id());
            string(out, kb.name());
            string(out, kb.version());
            string(out, kb.dataFormat());
            string(out, kb.source());
            list(kb.matrices(), m -> {
                str(m.id());
                str(m.name());
                idList(m.tacticIds());
            });
            list(kb.tactics(), t -> {
                id(t.id());
                str(t.name());
                str(t.description());
                attack(t.attackReference());
                date(t.created());
                date(t.modified());
            });
            list(kb.techniques(), t -> {
                id(t.id());
                str(t.name());
                str(t.description());
                idList(t.tacticIds());
                optional(t.parentId(), this::id);
                optional(t.maturity(), m -> str(m.name()));
                attack(t.attackReference());
                references(t.references());
                list(t.platforms(), this::str);
                date(t.created());
                date(t.modified());
                bool(t.deprecated());
            });
            list(kb.mitigations(), m -> {
                id(m.id());
                str(m.name());
                str(m.description());
                list(m.techniques(), u -> {
                    id(u.techniqueId());
                    str(u.use());
                });
                list(m.lifecycleStages(), this::str);
                list(m.categories(), this::str);
                attack(m.attackReference());
                date(m.created());
                date(m.modified());
            });
            list(kb.caseStudies(), c -> {
                id(c.id());
                str(c.name());
                str(c.summary());
                optional(c.incidentDate(), d -> {
                    epochDay(d.date());
                    str(d.granularity().name());
                });
                optional(c.caseStudyType(), this::str);
                optional(c.target(), this::str);
                optional(c.actor(), this::str);
                optional(c.reporter(), this::str);
                references(c.references());
                list(c.procedure(), s -> {
                    id(s.tacticId());
                    id(s.techniqueId());
                    str(s.description());
                });
            });
            list(kb.issues(), i -> {
                str(i.severity().name());
                str(i.location());
                str(i.objectId());
                str(i.message());
            });
        }

        static void string(DataOutputStream d, String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            d.writeInt(b.length);
            d.write(b);
        }

        void str(String s) {
            try {
                string(out, s);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
        }

        void integer(int n) {
            try {
                out.writeInt(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void bool(boolean b) {
            integer(b ? 1 : 0);
        }

        void id(AtlasId id) {
            integer(ids.computeIfAbsent(id, k -> ids.size()));
        }

        void idList(List<AtlasId> list) {
            list(list, this::id);
        }

        <T> void list(List<T> items, Consumer<T> item) {
            integer(items.size());
            items.forEach(item);
        }

        <T> void optional(Optional<T> value, Consumer<T> item) {
            bool(value.isPresent());
            value.ifPresent(item);
        }

        void epochDay(LocalDate d) {
            integer(Math.toIntExact(d.toEpochDay()));
        }

        void date(Optional<LocalDate> d) {
            optional(d, this::epochDay);
        }

        void attack(Optional<AttackReference> ref) {
            optional(ref, r -> {
                str(r.id());
                str(r.url());
            });
        }

        void references(List<Reference> refs) {
            list(refs, r -> {
                str(r.title());
                str(r.url());
            });
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private AtlasId[] ids;

        Reader(DataInputStream in) {
            this.in = in;
        }

        KnowledgeBase release() throws IOException {
            ids = new AtlasId[count()]; // each ID is a string: at least its length's 4 bytes
            for (int i = 0; i < ids.length; i++) {
                ids[i] = new AtlasId(str());
            }
            String id = str();
            String name = str();
            String version = str();
            String dataFormat = str();
            String source = str();
            List<Matrix> matrices = list(() -> new Matrix(str(), str(), idList()));
            List<Tactic> tactics = list(() -> new Tactic(id(), str(), str(), attack(), date(), date()));
            List<Technique> techniques = list(() -> new Technique(
                    id(),
                    str(),
                    str(),
                    idList(),
                    optional(this::id),
                    optional(() -> Maturity.valueOf(str())),
                    attack(),
                    references(),
                    list(this::str),
                    date(),
                    date(),
                    bool()));
            List<Mitigation> mitigations = list(() -> new Mitigation(
                    id(),
                    str(),
                    str(),
                    list(() -> new TechniqueUse(id(), str())),
                    list(this::str),
                    list(this::str),
                    attack(),
                    date(),
                    date()));
            List<CaseStudy> studies = list(() -> new CaseStudy(
                    id(),
                    str(),
                    str(),
                    optional(() -> new IncidentDate(epochDay(), IncidentDate.Granularity.valueOf(str()))),
                    optional(this::str),
                    optional(this::str),
                    optional(this::str),
                    optional(this::str),
                    references(),
                    list(() -> new ProcedureStep(id(), id(), str()))));
            List<DataIssue> issues = list(() -> new DataIssue(DataIssue.Severity.valueOf(str()), str(), str(), str()));
            return new KnowledgeBase(
                    id, name, version, dataFormat, source, matrices, tactics, techniques, mitigations, studies, issues);
        }

        private int integer() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * A count of items, each at least 4 bytes: a file that passed its checksum can still ask for any count, so
         * it is capped by the bytes left, and nothing is allocated for items that cannot be there.
         */
        private int count() {
            int n = integer();
            int left = available();
            if (n < 0 || n > left / 4) {
                throw new IllegalStateException("a count of " + n + " with " + left + " bytes left");
            }
            return n;
        }

        /** A string's length in bytes, capped by the bytes left for the same reason. */
        private int length() {
            int n = integer();
            int left = available();
            if (n < 0 || n > left) {
                throw new IllegalStateException("a length of " + n + " with " + left + " bytes left");
            }
            return n;
        }

        /** The bytes left: exact, since the payload is read from memory. */
        private int available() {
            try {
                return in.available();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String str() {
            byte[] b = new byte[length()];
            try {
                in.readFully(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        private boolean bool() {
            int b = integer();
            if (b != 0 && b != 1) {
                throw new IllegalStateException("a flag of " + b);
            }
            return b == 1;
        }

        private AtlasId id() {
            int i = integer();
            if (i < 0 || i >= ids.length) {
                throw new IllegalStateException("ID number " + i + " of " + ids.length);
            }
            return ids[i];
        }

        private List<AtlasId> idList() {
            return list(this::id);
        }

        private <T> List<T> list(Supplier<T> item) {
            int n = count();
            List<T> out = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                out.add(item.get());
            }
            return out;
        }

        private <T> Optional<T> optional(Supplier<T> item) {
            return bool() ? Optional.of(item.get()) : Optional.empty();
        }

        private LocalDate epochDay() {
            return LocalDate.ofEpochDay(integer());
        }

        private Optional<LocalDate> date() {
            return optional(this::epochDay);
        }

        private Optional<AttackReference> attack() {
            return optional(() -> new AttackReference(str(), str()));
        }

        private List<Reference> references() {
            return list(() -> new Reference(str(), str()));
        }
    }
}
