package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process is killed with SIGKILL in the middle of saving; every save it had acknowledged must be in the
 * H2 file when the database is opened again.
 */
class CrashSafetyIT {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedSaveSurvivesAKill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        long layerId = -1;
        int acked = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("layer ")) {
                    layerId = Long.parseLong(line.substring(6));
                } else if (line.startsWith("ack ")) {
                    acked = Integer.parseInt(line.substring(4));
                    if (acked >= 200) {
                        writer.destroyForcibly();
                        break;
                    }
                }
            }
        }
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acked).isEqualTo(200);
        try (Database db = Database.open(Database.Location.h2In(dir))) {
            StoredLayer layer = db.layers().get(layerId);
            // the saves after the last one read may have committed too; none acknowledged may be missing
            assertThat(layer.revision()).isGreaterThanOrEqualTo(acked + 1);
            assertThat(db.layers().revision(layerId, acked + 1).description()).isEqualTo("save " + acked);
        }
    }
}
