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
 * A resumable JSONL results file (docs/design.md#results). Line 1 is a header ({@code {"header": {...}}}) with the experiment,
 * model, settings, versions and command line; every further line is one record with a unique {@code "key"}.
 * Records are appended and flushed one at a time; reopening skips keys already present, and a torn last line
 * (a kill mid-write) is dropped. The file is never rewritten as a whole.
 */
public final class ResultStore implements AutoCloseable {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final Path file;
    private final FileChannel channel;
    private final Set<String> keys = new HashSet<>();
    private final List<JsonNode> records = new ArrayList<>();
    private final JsonNode header;

    private ResultStore(Path file, FileChannel channel, JsonNode header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens {@code file} for appending, creating it with {@code header}, or resuming it when its header's
     * {@code settings} equal this run's (otherwise a clear error: the results came from different settings).
     */
    public static ResultStore open(Path file, ObjectNode header) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Contents existing = Files.exists(file) ? read(file) : null;
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ResultStore store;
            if (existing == null || existing.header == null) {
                channel.truncate(0);
                store = new ResultStore(file, channel, header);
                store.writeLine(JSON.createObjectNode().set("header", header));
            } else {
                JsonNode oldSettings = Json.normalised(existing.header.path("settings"));
                JsonNode newSettings = Json.normalised(header.path("settings"));
                if (!oldSettings.equals(newSettings)) {
                    channel.close();
                    throw VlmscopeException.badInput(file, "results were made with other settings (" + oldSettings
                            + " vs now " + newSettings + ")", "use another --out folder, or --fresh to start over");
                }
                channel.truncate(existing.validBytes);
                store = new ResultStore(file, channel, existing.header);
                for (JsonNode r : existing.records) store.remember(r);
            }
            channel.position(channel.size());
            return store;
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot open results file (" + e.getMessage() + ")",
                    "check the --out folder is writable", e);
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

    /** A results file's header and complete records; a torn or unparsable last line is dropped. */
    public record Contents(JsonNode header, List<JsonNode> records, long validBytes) {
    }

    /** Reads a results file (header + records), ignoring a torn last line. */
    public static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot read results (" + e.getMessage() + ")", "check the path", e);
        }
        JsonNode header = null;
        List<JsonNode> records = new ArrayList<>();
        long valid = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') continue;
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                break; // corrupt line: keep what came before it
            }
            if (node == null) break;
            if (header == null && node.has("header")) header = node.get("header");
            else if (node.has("key")) records.add(node);
            valid = i + 1;
            start = i + 1;
        }
        return new Contents(header, records, valid);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
