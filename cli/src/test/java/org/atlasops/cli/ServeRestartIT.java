package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.atlasops.store.Credential;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.atlasops.store.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 section 7: a real {@code serve} child process killed with SIGKILL ({@link Process#destroyForcibly()})
 * while four clients create layers through the API, then started again on the same data directory (embedded H2,
 * {@code serve.lock} left behind). Every write the server acknowledged (201) is there after the restart; while it is
 * down the clients get "connection refused", at once, and nothing else.
 */
class ServeRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    private Process serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.destroyForcibly();
        }
    }

    /** What the clients saw. */
    private static final class Seen {
        final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        final List<String> refusedWhileDown = new CopyOnWriteArrayList<>();
        final List<String> otherFailures = new CopyOnWriteArrayList<>();
        final AtomicInteger lostAnswers = new AtomicInteger();
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillAndTheClientsAreRefusedWhileItIsDown() throws Exception {
        String token = apiToken();
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        serve = startServe(port);

        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        Seen seen = new Seen();
        AtomicBoolean down = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    String name = "client-" + client + "-layer-" + n;
                    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/layers"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(layer(name)))
                            .build();
                    try {
                        HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
                        if (a.statusCode() == 201) {
                            seen.acknowledged.put(
                                    JSON.readTree(a.body()).get("id").asLong(), name);
                        } else {
                            seen.otherFailures.add(a.statusCode() + " " + a.body());
                        }
                    } catch (ConnectException e) {
                        (down.get() ? seen.refusedWhileDown : seen.otherFailures).add(String.valueOf(e));
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // paces a client that retries
                    } catch (IOException e) { // the answer was lost with the process: not acknowledged
                        seen.lostAnswers.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        try {
            waitFor(() -> seen.acknowledged.size() >= 20, Duration.ofSeconds(30), "20 layers written");
            down.set(true);
            serve.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the database
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
            int before = seen.acknowledged.size();
            waitFor(() -> seen.refusedWhileDown.size() >= 8, Duration.ofSeconds(20), "clients refused while down");
            assertThat(Files.exists(dir.resolve("serve.lock")))
                    .as("kill -9 leaves serve.lock behind")
                    .isTrue();
            serve = startServe(port); // the OS released the lock with the process: the stale file does not stop it
            down.set(false);
            waitFor(
                    () -> seen.acknowledged.size() >= before + 20,
                    Duration.ofSeconds(30),
                    "20 more layers written after the restart");
        } finally {
            running.set(false);
            for (Thread t : clients) {
                t.join(30_000);
            }
        }

        assertThat(seen.otherFailures)
                .as("no failure but connection refused, and only while down")
                .isEmpty();
        assertThat(seen.refusedWhileDown).allSatisfy(e -> assertThat(e).startsWith("java.net.ConnectException"));
        for (Map.Entry<Long, String> w : seen.acknowledged.entrySet()) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/layers/" + w.getKey()))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode())
                    .as("acknowledged layer %s (%s)", w.getKey(), w.getValue())
                    .isEqualTo(200);
            assertThat(JSON.readTree(r.body()).get("name").asText()).isEqualTo(w.getValue());
        }
    }

    private static String layer(String name) {
        return "{\"name\":\"" + name + "\",\"domain\":\"atlas-atlas\",\"versions\":{\"layer\":\"4.5\"},"
                + "\"metadata\":[{\"name\":\"atlas_data_version\",\"value\":\"5.6.0\"}],"
                + "\"techniques\":[{\"techniqueID\":\"AML.T0051\",\"score\":1}]}";
    }

    /** An analyst and an API token, made in the database before the server process starts. */
    private String apiToken() {
        try (Database db = Database.open(Database.Location.h2In(dir))) {
            User u = db.users().create("writer", Role.ANALYST);
            return db.users()
                    .issue(u, Credential.Kind.API_TOKEN, "restart-it", Optional.empty())
                    .secret();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code atlas-ops serve} in a child JVM, once it says it is serving. */
    private Process startServe(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--data-dir",
                        dir.toString(),
                        "serve",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        CountDownLatch serving = new CountDownLatch(1);
        List<String> said = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    said.add(line);
                    if (line.contains("atlas-ops: serving ATLAS")) {
                        serving.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        boolean up = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!up && p.isAlive() && System.nanoTime() < deadline) {
            up = serving.await(200, TimeUnit.MILLISECONDS);
        }
        assertThat(up).as("serve started: %s", said).isTrue();
        return p;
    }

    private static void waitFor(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            synchronized (monitor) {
                monitor.wait(20);
            }
        }
    }
}
