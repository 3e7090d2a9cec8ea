package vlmscope.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Exclusive write access to an output folder: an OS lock ({@link FileChannel#tryLock}) on {@value #FILE_NAME} in the
 * folder, whose text names the owner (pid, host, start time) for the message a second writer gets. The OS releases
 * the lock when its process ends, however it ends; a lock file that still names an owner but is not locked was left
 * by a process that died, and is taken over (with a note on stderr). Closing clears the owner and releases the lock;
 * the empty file stays, so that two runs never lock two different files of the same name.
 */
public final class FolderLock implements AutoCloseable {

    public static final String FILE_NAME = "vlmscope.lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileLock lock; // its channel() is the open lock file

    private FolderLock(Path file, FileLock lock) {
        this.file = file;
        this.lock = lock;
    }

    /** Locks {@code dir} (created when missing) for this process, or fails with one line naming the owner. */
    public static FolderLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this process holds it already
            }
            String previous = readOwner(channel);
            if (lock == null) {
                channel.close();
                throw new VlmscopeException(dir + ": another vlmscope run (" + describe(previous)
                        + ") is writing to this folder (lock file " + FILE_NAME + "). Fix: wait for it to finish, or use another --out folder");
            }
            if (!previous.isBlank()) {
                System.err.println(dir + ": taking over the lock left by " + describe(previous) + ", which no longer holds it");
            }
            FolderLock held = new FolderLock(file, lock);
            held.writeOwner(owner().toString());
            return held;
        } catch (IOException e) {
            closeQuietly(channel);
            throw VlmscopeException.badInput(file, "cannot lock the output folder (" + e.getMessage() + ")",
                    "check that the --out folder is writable", e);
        }
    }

    public Path file() {
        return file;
    }

    /** This process as the lock file names it. */
    static ObjectNode owner() {
        ObjectNode o = JSON.createObjectNode();
        o.put("pid", ProcessHandle.current().pid());
        o.put("host", hostName());
        o.put("started", Instant.now().toString());
        return o;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    /** "pid 1234 on host h since 2026-…", or what little the lock file says. */
    static String describe(String ownerText) {
        try {
            JsonNode o = JSON.readTree(ownerText);
            if (o != null && o.has("pid")) {
                return "pid " + o.path("pid").asLong() + " on " + o.path("host").asText("?") + " since " + o.path("started").asText("?");
            }
        } catch (IOException e) {
            // fall through: an owner written by hand or cut short
        }
        return ownerText.isBlank() ? "owner unknown" : "owner " + ownerText.strip();
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private void writeOwner(String text) throws IOException {
        FileChannel channel = lock.channel();
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        long position = 0;
        while (buffer.hasRemaining()) position += channel.write(buffer, position);
        channel.force(false);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing with a clearer message
        }
    }

    /** Clears the owner and releases the lock. */
    @Override
    public void close() {
        try (FileChannel channel = lock.channel()) {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("releasing " + file, e);
        }
    }
}
