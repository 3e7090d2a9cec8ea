package vlmscope.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import vlmscope.Json;
import vlmscope.VlmscopeException;

/**
 * The weights of a Hugging Face checkpoint folder: {@code model.safetensors}, or the shards listed by
 * {@code model.safetensors.index.json} ({@code {"metadata": ..., "weight_map": {name: shardFile}}}), each opened
 * on first use. Arrays it loads are valid until {@link #close()} (see {@link SafetensorsFile}).
 */
public final class WeightStore implements AutoCloseable {

    /** The single-file checkpoint name. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The sharded checkpoint index name. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final String INCOMPLETE_FIX = "check the checkpoint is complete / matches config.json";

    private final Path source;
    private final SortedMap<String, Path> fileOfTensor;
    private final Map<Path, SafetensorsFile> openFiles = new HashMap<>();

    private WeightStore(Path source, SortedMap<String, Path> fileOfTensor) {
        this.source = source;
        this.fileOfTensor = fileOfTensor;
    }

    /** Opens the weights in {@code checkpointDir}; a folder with neither expected file raises an error naming it. */
    public static WeightStore open(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            throw VlmscopeException.badInput(checkpointDir, "not a folder",
                    "pass the checkpoint folder (the one holding config.json and " + SINGLE_FILE + ")");
        }
        Path single = checkpointDir.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            SortedMap<String, Path> fileOfTensor = new TreeMap<>();
            for (String name : file.names()) fileOfTensor.put(name, single);
            WeightStore store = new WeightStore(single, fileOfTensor);
            store.openFiles.put(single, file);
            return store;
        }
        Path index = checkpointDir.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return new WeightStore(index, readIndex(checkpointDir, index));
        }
        throw VlmscopeException.badInput(checkpointDir, "no weights: expected " + SINGLE_FILE + " or " + INDEX_FILE
                + " (found " + listSafetensorsOrBin(checkpointDir) + ")",
                "download the checkpoint's safetensors weights into this folder (convert .bin weights to"
                        + " safetensors first)");
    }

    /** Whether the checkpoint lists {@code name}. */
    public boolean contains(String name) {
        return fileOfTensor.containsKey(name);
    }

    /** All tensor names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(fileOfTensor.keySet());
    }

    /** The first of {@code candidates} the checkpoint holds (e.g. hub names vs transformers ≥ 4.52 names). */
    public Optional<String> firstPresent(String... candidates) {
        return Arrays.stream(candidates).filter(this::contains).findFirst();
    }

    /** The header entry of {@code name}; missing names raise "missing tensor NAME (looked in FILE)". */
    public TensorInfo info(String name) {
        SafetensorsFile file = fileHolding(name);
        if (!file.contains(name)) {
            throw VlmscopeException.badInput(file.path(), "missing tensor " + name + " (looked in "
                    + file.path().getFileName() + ", where " + INDEX_FILE + " says it is)", INCOMPLETE_FIX);
        }
        return file.info(name);
    }

    /** {@code name} as a FLOAT32 NDArray (see {@link SafetensorsFile#toNDArray}). */
    public NDArray load(String name, NDManager manager) {
        info(name);
        return fileHolding(name).toNDArray(name, manager);
    }

    /** Like {@link #load(String, NDManager)}, first checking the stored shape equals {@code expectedShape}. */
    public NDArray load(String name, NDManager manager, long... expectedShape) {
        checkShape(name, expectedShape);
        return fileHolding(name).toNDArray(name, manager);
    }

    private void checkShape(String name, long... expectedShape) {
        long[] stored = info(name).shape();
        if (!Arrays.equals(stored, expectedShape)) {
            Path file = fileOfTensor.get(name);
            throw VlmscopeException.badInput(file, "shape not matching config: " + name + " has shape "
                    + Arrays.toString(stored) + " in " + file.getFileName() + " but config.json implies "
                    + Arrays.toString(expectedShape), "use the config.json that belongs to this checkpoint (or the"
                    + " checkpoint that matches this config.json)");
        }
    }

    /** Like {@link #load(String, NDManager, long...)} for a 16-bit tensor, as its raw bits (see {@link SafetensorsFile#toNDArrayBits16}). */
    public NDArray loadBits16(String name, NDManager manager, long... expectedShape) {
        checkShape(name, expectedShape);
        return fileHolding(name).toNDArrayBits16(name, manager);
    }

    /** Drops {@code name}'s file pages from memory (see {@link SafetensorsFile#release}). */
    public void release(String name) {
        info(name);
        fileHolding(name).release(name);
    }

    /** Unmaps every opened file; arrays loaded from this store must not be used afterwards. */
    @Override
    public synchronized void close() {
        for (SafetensorsFile file : openFiles.values()) file.close();
        openFiles.clear();
    }

    @Override
    public String toString() {
        return "WeightStore[" + source + ", " + fileOfTensor.size() + " tensors]";
    }

    private synchronized SafetensorsFile fileHolding(String name) {
        Path file = fileOfTensor.get(name);
        if (file == null) {
            throw VlmscopeException.badInput(source, "missing tensor " + name + " (looked in "
                    + source.getFileName() + ")", INCOMPLETE_FIX);
        }
        return openFiles.computeIfAbsent(file, SafetensorsFile::open);
    }

    /** The index's weight map with shard names resolved in {@code dir}; every listed shard must exist. */
    private static SortedMap<String, Path> readIndex(Path dir, Path index) {
        String fix = "re-download " + INDEX_FILE + " and its shards";
        JsonNode weightMap;
        try {
            JsonNode root = Json.MAPPER.readTree(index.toFile());
            weightMap = root == null ? null : root.get("weight_map");
        } catch (IOException e) {
            throw VlmscopeException.badInput(index, "index JSON invalid: " + e.getMessage().lines().findFirst()
                    .orElse(""), fix, e);
        }
        if (weightMap == null || !weightMap.isObject()) {
            throw VlmscopeException.badInput(index, "index JSON invalid: no \"weight_map\" object", fix);
        }
        Path folder = dir.toAbsolutePath().normalize();
        SortedMap<String, Path> fileOfTensor = new TreeMap<>();
        Map<Path, List<String>> tensorsOfShard = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : weightMap.properties()) {
            JsonNode shardName = entry.getValue();
            Path shard = shardName.isTextual() ? folder.resolve(shardName.textValue()).normalize() : null;
            if (shard == null || !folder.equals(shard.getParent())) {
                throw VlmscopeException.badInput(index, "index JSON invalid: tensor " + entry.getKey()
                        + " maps to " + shardName + ", not a file name in this folder", fix);
            }
            fileOfTensor.put(entry.getKey(), shard);
            tensorsOfShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(entry.getKey());
        }
        for (Map.Entry<Path, List<String>> shard : tensorsOfShard.entrySet()) {
            if (!Files.isRegularFile(shard.getKey())) {
                List<String> tensors = shard.getValue();
                throw VlmscopeException.badInput(index, "shard " + shard.getKey().getFileName() + " is listed (for "
                        + tensors.getFirst() + (tensors.size() > 1 ? " and " + (tensors.size() - 1) + " more" : "")
                        + ") but absent", "download the missing shard into " + dir);
            }
        }
        return fileOfTensor;
    }

    private static String listSafetensorsOrBin(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> weights = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".safetensors") || n.endsWith(".bin") || n.endsWith(".pth")).sorted()
                    .toList();
            return weights.isEmpty() ? "no weight files" : String.join(", ", weights);
        } catch (IOException e) {
            return "the folder could not be listed: " + e.getMessage();
        }
    }
}
