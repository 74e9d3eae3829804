package org.atlasops.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.atlasops.kb.failure.BadInputException;

/**
 * The data directory of an H2 database, kept private: created {@code 0700}, its database files and the database
 * password {@code 0600} (on file systems with POSIX permissions; elsewhere the platform's defaults apply).
 */
final class DataDirectory {
    /** The file beside the database that holds the password of its H2 user. */
    static final String PASSWORD_FILE = "atlas-ops.db-password";

    private static final boolean POSIX =
            java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private DataDirectory() {}

    /** Creates the directory (and missing parents) readable by this user only; an existing one is left as it is. */
    static void create(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (POSIX) {
                Files.createDirectory(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // made by another process at the same moment: fine
        } catch (IOException e) {
            throw new BadInputException("cannot create the data directory " + dir + ": " + e
                    + " (check that the parent exists and is writable, or pick another with --data-dir)");
        }
    }

    /** The password of the H2 user of this directory's database, made (256 random bits) on first use. */
    static String password(Path dir) {
        create(dir);
        Path file = dir.resolve(PASSWORD_FILE);
        try {
            if (!Files.exists(file)) {
                Path tmp = Files.createTempFile(
                        dir,
                        ".db-password",
                        ".tmp",
                        POSIX
                                ? new java.nio.file.attribute.FileAttribute<?>[] {
                                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                                }
                                : new java.nio.file.attribute.FileAttribute<?>[0]);
                Files.writeString(tmp, Secrets.newSecret() + "\n", StandardCharsets.UTF_8);
                try {
                    // atomic and never replacing: two first starts at once agree on the first password written
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException e) {
                    // the other one won
                } catch (UnsupportedOperationException | IOException e) {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new BadInputException("the database password file " + file + " is empty: restore it from a "
                        + "backup of the data directory");
            }
            return password;
        } catch (IOException e) {
            throw new BadInputException("cannot read or create the database password file " + file + ": " + e);
        }
    }

    /** Makes one file readable by this user only. */
    static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Makes the database files of {@code base} (the path without {@code .mv.db}) readable by this user only. */
    static void restrictFilesOf(Path base) {
        if (!POSIX) {
            return;
        }
        String name = base.getFileName().toString();
        for (String suffix : new String[] {".mv.db", ".trace.db", ".lock.db"}) {
            Path f = base.resolveSibling(name + suffix);
            try {
                if (Files.exists(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException e) {
                // not ours to change (another user's file): the directory's own mode still guards it
            }
        }
    }
}
