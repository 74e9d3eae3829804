package org.atlasops.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.kb.failure.UnavailableException;

/**
 * One {@code serve} per data directory with an embedded database: an OS file lock on {@value #FILE}, released when
 * the process ends however it ends. The holder writes its process id and address into the file, so a second serve can
 * say who holds the directory, and {@code users link} can build links for the running server's address.
 */
final class ServeLock implements AutoCloseable {
    static final String FILE = "serve.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private ServeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the directory, or says who holds it. */
    static ServeLock take(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UnavailableException("cannot open " + file + ": " + e, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new UnavailableException("cannot lock " + file + ": " + e, e);
        }
        if (lock == null) {
            close(channel);
            String holder = holder(dataDir).map(h -> " (" + h + ")").orElse("");
            throw new ConflictException("the data directory " + dataDir + " is in use by another atlas-ops serve"
                    + holder + ": stop that one first, or give this one its own --data-dir");
        }
        return new ServeLock(channel, lock);
    }

    /** Records who holds the lock: this process and the address it serves. */
    void describe(String url) {
        String text = "pid " + ProcessHandle.current().pid() + ", " + url + "\n";
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            // only the words of another serve's message are lost
        }
    }

    /** What the last serve of this directory wrote about itself: {@code pid N, URL}. */
    static Optional<String> holder(Path dataDir) {
        try {
            String text = Files.readString(dataDir.resolve(FILE), StandardCharsets.UTF_8)
                    .strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close releases it too
        }
        close(channel);
    }

    private static void close(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
