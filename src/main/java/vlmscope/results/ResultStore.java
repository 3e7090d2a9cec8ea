package vlmscope.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A resumable JSONL results file (docs/design.md#results). Line 1 is a header ({@code {"header": {...}}}) with the
 * experiment, model, settings, versions and command line; every further line is one record with a unique {@code "key"}.
 * One writer at a time: opening locks the folder ({@link FolderLock}). Records are appended and flushed one at a time,
 * so a kill loses at most the record being written. Reopening skips keys already present and drops a torn last line
 * (a kill mid-write, said on stderr); any other damage stops with the line's number, and nothing is deleted unless
 * {@link OpenMode#REPAIR} moves the damaged lines to a side file. A key found twice counts once (said on stderr).
 */
public final class ResultStore implements AutoCloseable {

    private static final ObjectMapper JSON = Json.MAPPER;

    /** How {@link #open} treats what is already in the file. */
    public enum OpenMode {
        /** Keep every record; a torn last line is dropped; other damage is an error. */
        RESUME,
        /** As RESUME, but damaged lines move to {@code results.bad.jsonl} and the rest is kept. */
        REPAIR,
        /** Start over: earlier results are deleted (under the lock). */
        FRESH
    }

    private final Path file;
    private final FileChannel channel;
    private final FolderLock lock;
    private final Set<String> keys = new HashSet<>();
    private final List<JsonNode> records = new ArrayList<>();
    private final JsonNode header;

    private ResultStore(Path file, FileChannel channel, FolderLock lock, JsonNode header) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.header = header;
    }

    /** {@link #open(Path, ObjectNode, OpenMode)} resuming. */
    public static ResultStore open(Path file, ObjectNode header) {
        return open(file, header, OpenMode.RESUME);
    }

    /**
     * Locks the file's folder and opens {@code file} for appending: creating it with {@code header}, or resuming it
     * when its header's {@code settings} equal this run's (otherwise one line naming the differing settings).
     */
    public static ResultStore open(Path file, ObjectNode header, OpenMode mode) {
        FolderLock lock = FolderLock.acquire(file.toAbsolutePath().getParent());
        try {
            return openLocked(file, header, mode, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static ResultStore openLocked(Path file, ObjectNode header, OpenMode mode, FolderLock lock) {
        ResultsScan scan = mode == OpenMode.FRESH || !Files.exists(file) ? ResultsScan.empty(file) : ResultsScan.of(file, bytes(file));
        if (mode == OpenMode.REPAIR && !scan.damaged().isEmpty()) scan = ResultsRepair.repair(scan, bytes(file));
        scan.requireUndamaged();
        if (scan.header() != null) {
            String difference = SettingsDifference.of(Json.normalised(scan.header().path("settings")), Json.normalised(header.path("settings")));
            if (!difference.isEmpty()) {
                throw VlmscopeException.badInput(file, "made with other settings (" + difference + ")",
                        "use another --out folder, or --fresh to start over");
            }
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ResultStore store;
            if (scan.header() == null) {
                channel.truncate(0);
                store = new ResultStore(file, channel, lock, header);
                store.writeLine(JSON.createObjectNode().set("header", header));
            } else {
                if (scan.torn() != null) {
                    System.err.println(file + ":" + scan.torn().number() + ": dropped a torn last line ("
                            + scan.torn().problem() + ": a record cut off by a kill); it will be computed again");
                }
                channel.truncate(scan.validBytes());
                store = new ResultStore(file, channel, lock, scan.header());
                for (JsonNode r : scan.records()) store.remember(r);
                scan.notes().forEach(System.err::println);
            }
            channel.position(channel.size());
            return store;
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot open results file (" + e.getMessage() + ")",
                    "check the --out folder is writable", e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot read results (" + e.getMessage() + ")", "check the path", e);
        }
    }
    public Path file() {
        return file;
    }

    public JsonNode header() {
        return header;
    }

    public boolean has(String key) {
        return keys.contains(key);
    }

    public int size() {
        return records.size();
    }

    /** Records so far (resumed ones first), in file order. */
    public List<JsonNode> records() {
        return List.copyOf(records);
    }

    /** Appends one record under {@code key} and flushes it to disk; a key can be written once. */
    public synchronized void append(String key, ObjectNode record) {
        if (keys.contains(key)) throw new IllegalArgumentException("duplicate result key " + key);
        ObjectNode line = JSON.createObjectNode();
        line.put("key", key);
        line.setAll(record);
        writeLine(line);
        remember(line);
    }

    private void remember(JsonNode record) {
        keys.add(record.path("key").asText());
        records.add(record);
    }

    private void writeLine(JsonNode node) {
        try {
            byte[] bytes = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /**
     * A results file as read back: its header (null when there is none yet), its records (one per key, file order)
     * and notes a reader should print (duplicates ignored).
     */
    public record Contents(JsonNode header, List<JsonNode> records, List<String> notes) {
    }

    /**
     * Reads a results file (header + records, one per key), ignoring a torn last line; any other damage is an error
     * naming the line.
     */
    public static Contents read(Path file) {
        ResultsScan scan = ResultsScan.of(file, bytes(file));
        scan.requireUndamaged();
        return new Contents(scan.header(), scan.records(), scan.notes());
    }

    @Override
    public void close() {
        try (lock) {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
