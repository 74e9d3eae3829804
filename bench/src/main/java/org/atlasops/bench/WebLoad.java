package org.atlasops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load test of the web app, loopback only: N concurrent clients (default 200) read techniques and the
 * matrix for a fixed time (default 60 s), as pages and through the API. Reports requests/s, p50/p99/max latency and
 * errors (any status but 200, or a failed request). Not JMH: it measures a server under concurrent load.
 *
 * <pre>
 * ./atlas-ops serve --port 18080 &amp;
 * java -cp bench/target/benchmarks.jar org.atlasops.bench.WebLoad http://127.0.0.1:18080 200 60
 * </pre>
 */
public final class WebLoad {
    private WebLoad() {}

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        URI check = URI.create(base);
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(check.getHost())) {
            throw new IllegalArgumentException("the load test runs against loopback only, not " + check.getHost());
        }
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        JsonNode objects = new ObjectMapper()
                .readTree(http.send(
                                HttpRequest.newBuilder(
                                                URI.create(base + "/api/v1/releases/5.6.0/objects?type=technique"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .get("objects");
        List<String> ids = new ArrayList<>();
        objects.forEach(o -> ids.add(o.get("id").asText()));

        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int me = c;
            Thread t = new Thread(
                    () -> {
                        long[] mine = new long[1 << 16];
                        int n = 0;
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (System.nanoTime() < end) {
                            String id = ids.get(random.nextInt(ids.size()));
                            int pick = random.nextInt(10);
                            String path = pick < 4
                                    ? "/api/v1/releases/5.6.0/objects/" + id
                                    : pick < 8
                                            ? "/techniques/" + id
                                            : pick == 8 ? "/api/v1/releases/5.6.0/matrix" : "/";
                            long start = System.nanoTime();
                            try {
                                HttpResponse<byte[]> r = http.send(
                                        HttpRequest.newBuilder(URI.create(base + path))
                                                .timeout(Duration.ofSeconds(30))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofByteArray());
                                if (r.statusCode() != 200) {
                                    errors.incrementAndGet();
                                }
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = System.nanoTime() - start;
                        }
                        latencies[me] = mine;
                        counts[me] = n;
                        done.countDown();
                    },
                    "client-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf(
                "%d clients, %d s, mix: 40%% technique API, 40%% technique page, 10%% matrix API, "
                        + "10%% matrix page%n",
                clients, seconds);
        System.out.printf("requests: %d (%.0f/s), errors: %d%n", total, total / (double) seconds, errors.get());
        System.out.printf(
                "latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
}
