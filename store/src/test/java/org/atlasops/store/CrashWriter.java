package org.atlasops.store;

import java.nio.file.Path;
import org.atlasops.navigator.Layer;

/** Run in a child JVM by {@link CrashSafetyIT}: saves layers one after another, printing "ack N" after each save. */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) {
        Database db = Database.open(Database.Location.h2In(Path.of(args[0])));
        User u = db.users().create("writer", Role.ANALYST);
        long id = db.layers().create(u, Layer.empty("crash", "5.6.0")).id();
        System.out.println("layer " + id);
        for (int i = 1; ; i++) {
            db.layers()
                    .save(
                            id,
                            Layer.empty("crash", "5.6.0").withDescription("save " + i),
                            java.util.Optional.empty(),
                            u,
                            "save " + i);
            System.out.println("ack " + i);
            System.out.flush();
        }
    }
}
