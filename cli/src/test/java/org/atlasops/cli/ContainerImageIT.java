package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image the {@code container} profile builds (target/atlas-ops-image.tar), checked without a container
 * runtime: the OCI layout's digests and sizes match its blobs, and the image runs. Its layers are unpacked in order
 * (whiteouts applied) into a folder, and its entrypoint and default command run there as a container would run them:
 * with bubblewrap, the folder as root file system, the configuration's user, environment and working directory, a
 * folder as the data volume and a network namespace of its own. {@code /healthz} and {@code /readyz} are then called
 * on the container's 127.0.0.1:8080 from inside that namespace (nsenter and curl). Needs {@code bwrap}, {@code
 * nsenter} and {@code curl} (.ci/run installs them); docs/deploy.md says how to load and run the image for real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageIT {
    private static final Path IMAGE = Path.of("target", "atlas-ops-image.tar");
    private static final String DATA = "/var/lib/atlas-ops";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private Path layout;
    private JsonNode manifest;
    private JsonNode config;
    private Path rootfs;
    /** The headers of the last layer entry for each path, as the image's file system has them. */
    private final Map<String, TarStream.Entry> headers = new HashMap<>();

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    void unpackTheImage() throws Exception {
        assertThat(IMAGE).as("built by ./mvnw -Pcontainer -pl cli -am package").exists();
        layout = tmp.resolve("layout");
        try (InputStream in = Files.newInputStream(IMAGE)) {
            extract(new TarStream(in), layout, false);
        }
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        manifest = JSON.readTree(blob(index.path("manifests").path(0)).toFile());
        config = JSON.readTree(blob(manifest.path("config")).toFile());
        rootfs = tmp.resolve("rootfs");
        Files.createDirectories(rootfs);
        for (JsonNode layer : manifest.path("layers")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(blob(layer)), 1 << 16)) {
                extract(new TarStream(in), rootfs, true);
            }
        }
    }

    @AfterAll
    void stopWhatStarted() {
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    @Test
    void theLayoutsDigestsAndSizesMatchItsBlobs() throws Exception {
        assertThat(JSON.readTree(layout.resolve("oci-layout").toFile())
                        .path("imageLayoutVersion")
                        .asText())
                .isEqualTo("1.0.0");
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        assertThat(index.path("manifests")).hasSize(1);
        JsonNode m = index.path("manifests").path(0);
        assertThat(m.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(m.path("annotations")
                        .path("org.opencontainers.image.ref.name")
                        .asText())
                .as("the tag docker load gives it")
                .endsWith(":0.1.0-SNAPSHOT");
        verifies(m);
        assertThat(manifest.path("config").path("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.config.v1+json");
        verifies(manifest.path("config"));
        List<String> diffIds = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
        assertThat(manifest.path("layers")).hasSameSizeAs(diffIds).hasSizeGreaterThan(1);
        int i = 0;
        for (JsonNode layer : manifest.path("layers")) {
            assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            verifies(layer);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(blob(layer)), 1 << 16)) {
                assertThat("sha256:" + sha256(in)).as("diff_id of layer " + i).isEqualTo(diffIds.get(i));
            }
            i++;
        }
        // every blob is referenced: nothing else rides along in the tarball
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs").resolve("sha256"))) {
            assertThat(blobs.count()).isEqualTo(manifest.path("layers").size() + 2L);
        }
    }

    @Test
    void theConfigurationRunsServeAsTheUnprivilegedUserWithTheDataOnAVolume() {
        JsonNode c = config.path("config");
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        assertThat(c.path("User").asText()).isEqualTo("65532:65532");
        assertThat(c.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(c.path("Volumes").has(DATA)).isTrue();
        assertThat(c.path("WorkingDir").asText()).isEqualTo(DATA);
        assertThat(strings(c.path("Env"))).contains("ATLAS_OPS_HOME=" + DATA);
        assertThat(strings(c.path("Entrypoint"))).first().isEqualTo("java");
        assertThat(strings(c.path("Entrypoint"))).last().isEqualTo("org.atlasops.cli.Main");
        assertThat(strings(c.path("Cmd"))).containsExactly("serve", "--host", "0.0.0.0", "--port", "8080");
    }

    @Test
    void theFileSystemHasARuntimeAUserATmpAndADataDirectoryThatUserOwns() {
        assertThat(rootfs.resolve("opt/java/bin/java")).isExecutable();
        assertThat(rootfs.resolve("lib64/ld-linux-x86-64.so.2")).exists();
        assertThat(rootfs.resolve("opt/java/lib/security/cacerts")).isNotEmptyFile();
        assertThat(rootfs.resolve("usr/share/doc/atlas-ops-base/packages.txt"))
                .content()
                .contains("openjdk-17-jdk-headless ", "libc6 ");
        assertThat(rootfs.resolve("usr/share/doc/libc6/copyright")).exists();
        assertThat(rootfs.resolve("etc/passwd")).content().contains("atlas-ops:x:65532:65532:");
        TarStream.Entry data = headers.get("var/lib/atlas-ops");
        assertThat(data.uid()).isEqualTo(65532);
        assertThat(data.gid()).isEqualTo(65532);
        assertThat(data.mode() & 07777).isEqualTo(0700);
        assertThat(headers.get("tmp").mode() & 07777).isEqualTo(01777);
        assertThat(headers.get("opt/java/bin/java").uid()).isZero();
    }

    @Test
    void theEntrypointServesHealthAndReadinessOnPort8080() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Path log = tmp.resolve("serve.log");
        Process server = run(command(strings(config.path("config").path("Cmd")), volume), log);
        try {
            Optional<String> healthz = firstAnswer(server, "/healthz", Duration.ofSeconds(120));
            assertThat(server.isAlive()).as("serve stopped: %s", read(log)).isTrue();
            assertThat(healthz).as(() -> "no answer in 120 s: " + read(log)).isPresent();
            assertThat(healthz.get()).startsWith("200 ").contains("\"status\":\"ok\"");
            assertThat(get(server, "/readyz"))
                    .hasValueSatisfying(r -> assertThat(r).startsWith("200 ").contains("\"status\":\"ready\""));
            // the team's data is on the volume, written by the image's user
            try (Stream<Path> files = Files.list(volume)) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".mv.db"));
            }
            // the first start on an empty volume makes the admin and prints its sign-in link, as docs/deploy.md says
            assertThat(Files.readString(log)).contains("at http://localhost:8080/", "created the user 'admin'", DATA);
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void argumentsAfterTheImageNameReplaceServe() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume-kb"));
        Path log = tmp.resolve("kb.log");
        Process kb = run(command(List.of("kb", "show", "AML.T0051"), volume), log);
        assertThat(kb.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        assertThat(kb.exitValue()).as(() -> read(log)).isZero();
        assertThat(Files.readString(log)).contains("AML.T0051  LLM Prompt Injection");
    }

    @Test
    void thePngExportDrawsWithTheImagesFonts() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume-png"));
        Files.copy(
                Path.of("..", "navigator", "src", "test", "resources", "org", "atlasops", "navigator", "layers")
                        .resolve("atlas/default/atlas_case_study_frequency.json"),
                volume.resolve("layer.json"));
        Path log = tmp.resolve("png.log");
        Process png =
                run(command(List.of("layer", "export", "layer.json", "-f", "png", "-o", "layer.png"), volume), log);
        assertThat(png.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        assertThat(png.exitValue()).as(() -> read(log)).isZero();
        byte[] picture = Files.readAllBytes(volume.resolve("layer.png"));
        assertThat(picture).startsWith(0x89, 'P', 'N', 'G');
        assertThat(picture.length).isGreaterThan(10_000);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * bwrap running the entrypoint and these arguments as the configuration says, the volume on the data dir, the
     * image's file system read-only and an empty /tmp, as {@code docker run --read-only --tmpfs /tmp} does.
     */
    private List<String> command(List<String> args, Path volume) throws IOException {
        // the mount points a runtime makes in the container's root
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        JsonNode c = config.path("config");
        String[] user = c.path("User").asText().split(":");
        List<String> cmd = new ArrayList<>(List.of(
                "bwrap",
                "--unshare-user",
                "--uid",
                user[0],
                "--gid",
                user[1],
                "--unshare-pid",
                "--unshare-net",
                "--unshare-ipc",
                "--unshare-uts",
                "--die-with-parent",
                "--ro-bind",
                rootfs.toString(),
                "/",
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "--tmpfs",
                "/tmp",
                "--bind",
                volume.toString(),
                DATA,
                "--chdir",
                c.path("WorkingDir").asText(),
                "--clearenv"));
        for (String env : strings(c.path("Env"))) {
            int eq = env.indexOf('=');
            cmd.addAll(List.of("--setenv", env.substring(0, eq), env.substring(eq + 1)));
        }
        cmd.add("--");
        cmd.addAll(strings(c.path("Entrypoint")));
        cmd.addAll(args);
        return cmd;
    }

    private Process run(List<String> cmd, Path log) throws IOException {
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        started.add(p);
        return p;
    }

    /**
     * The first answer to a GET of the path, asked again until one comes, the server stops or the deadline passes.
     * Between asks it waits for the server's exit, not a fixed sleep: a server that dies ends the wait at once.
     */
    private Optional<String> firstAnswer(Process server, String path, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<String> answer = get(server, path);
            if (answer.isPresent() || !Instant.now().isBefore(deadline) || server.waitFor(500, TimeUnit.MILLISECONDS)) {
                return answer;
            }
        }
    }

    /**
     * "STATUS BODY" of a GET to the container's 127.0.0.1:8080, from inside its network namespace (that of a process
     * bwrap started), or empty while nothing answers.
     */
    private Optional<String> get(Process container, String path) throws IOException, InterruptedException {
        Optional<ProcessHandle> inside = container.children().findFirst();
        if (inside.isEmpty()) {
            return Optional.empty();
        }
        Path body = tmp.resolve("body");
        Process curl = new ProcessBuilder(
                        "nsenter",
                        "--target",
                        Long.toString(inside.get().pid()),
                        "--user",
                        "--net",
                        "--preserve-credentials",
                        "curl",
                        "-sS",
                        "-m",
                        "10",
                        "-o",
                        body.toString(),
                        "-w",
                        "%{http_code}",
                        "http://127.0.0.1:8080" + path)
                .redirectErrorStream(true)
                .start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        curl.waitFor(20, TimeUnit.SECONDS);
        if (curl.exitValue() != 0) {
            return Optional.empty();
        }
        return Optional.of(out.trim() + " " + Files.readString(body));
    }

    /** Unpacks a tar; for an image layer, whiteouts delete what lower layers put there (OCI image spec, layer). */
    private void extract(TarStream tar, Path into, boolean layer) throws IOException {
        List<Map.Entry<Path, Integer>> folders = new ArrayList<>();
        for (Optional<TarStream.Entry> next = tar.next(); next.isPresent(); next = tar.next()) {
            TarStream.Entry e = next.get();
            String name = normalise(e.name());
            if (name.isEmpty()) {
                continue;
            }
            Path target = into.resolve(name).normalize();
            assertThat(target.startsWith(into) && !target.equals(into))
                    .as("entry %s stays in the image", e.name())
                    .isTrue();
            // never write through a symbolic link a layer made: it could point out of the folder
            for (Path p = target.getParent(); !p.equals(into); p = p.getParent()) {
                assertThat(Files.isSymbolicLink(p))
                        .as("%s goes through a link", e.name())
                        .isFalse();
            }
            String base = target.getFileName().toString();
            if (layer && base.equals(".wh..wh..opq")) {
                try (Stream<Path> below = Files.list(target.getParent())) {
                    for (Path p : below.toList()) {
                        delete(p);
                    }
                }
                continue;
            }
            if (layer && base.startsWith(".wh.")) {
                delete(target.resolveSibling(base.substring(4)));
                continue;
            }
            if (layer) {
                headers.put(name, e);
            }
            Files.createDirectories(target.getParent());
            if (e.type() == '5') {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    delete(target);
                    Files.createDirectory(target);
                }
                folders.add(Map.entry(target, e.mode()));
                continue;
            }
            delete(target);
            switch (e.type()) {
                case '2' -> Files.createSymbolicLink(target, Path.of(e.linkName()));
                case '1' -> Files.createLink(target, into.resolve(normalise(e.linkName())));
                default -> {
                    if (e.isFile()) {
                        try (InputStream content = tar.content()) {
                            Files.copy(content, target);
                        }
                        Files.setPosixFilePermissions(target, permissions(e.mode()));
                    } // devices and fifos: a runtime makes its own /dev
                }
            }
        }
        // folders last, deepest first: a read-only folder would refuse what goes into it
        folders.sort(
                Comparator.comparing((Map.Entry<Path, Integer> f) -> f.getKey().getNameCount())
                        .reversed());
        for (Map.Entry<Path, Integer> f : folders) {
            Files.setPosixFilePermissions(f.getKey(), permissions(f.getValue() | 0700));
        }
    }

    private static String normalise(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("./") ? 2 : 1);
        }
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> all = Files.walk(p)) {
                for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        } else {
            Files.delete(p);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    /** The blob a descriptor names; fails unless it exists. */
    private Path blob(JsonNode descriptor) {
        String digest = descriptor.path("digest").asText();
        assertThat(digest).startsWith("sha256:");
        Path p = layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
        assertThat(p).as(digest).exists();
        return p;
    }

    /** The descriptor's digest and size are its blob's. */
    private void verifies(JsonNode descriptor) throws IOException {
        Path p = blob(descriptor);
        assertThat(Files.size(p))
                .as("size of " + p)
                .isEqualTo(descriptor.path("size").asLong());
        try (InputStream in = Files.newInputStream(p)) {
            assertThat("sha256:" + sha256(in))
                    .isEqualTo(descriptor.path("digest").asText());
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream d = new DigestInputStream(in, md)) {
                d.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
