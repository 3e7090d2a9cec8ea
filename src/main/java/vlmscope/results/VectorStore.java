package vlmscope.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.tensor.SafetensorsFile;
import vlmscope.tensor.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named vectors (spatial IDs, axes) as float32 safetensors — keys like {@code L13/universal/x0_y3_s224} — plus a JSON
 * sidecar ({@code NAME.json}) with free-form metadata. Loadable from Python with {@code safetensors} as is.
 */
public final class VectorStore {

    private static final ObjectMapper JSON = Json.MAPPER;

    private VectorStore() {
    }

    /** Writes {@code vectors} to {@code file} (.safetensors) and {@code metadata} beside it, atomically each. */
    public static void write(Path file, Map<String, float[]> vectors, ObjectNode metadata) {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "vlmscope vectors");
        for (Map.Entry<String, float[]> e : new TreeMap<>(vectors).entrySet()) {
            writer.add(e.getKey(), e.getValue(), e.getValue().length);
        }
        writer.write(file);
        Path sidecar = sidecar(file);
        try {
            Path tmp = sidecar.resolveSibling(sidecar.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), metadata);
            Files.move(tmp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw VlmscopeException.badInput(sidecar, "cannot write (" + e.getMessage() + ")", "check the folder is writable", e);
        }
    }

    /** Reads every vector of a file written by {@link #write}. */
    public static Map<String, float[]> read(Path file) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (String name : f.names()) out.put(name, f.readFloats(name));
        }
        return out;
    }

    /** The sidecar's metadata, or an empty object when there is none. */
    public static ObjectNode metadata(Path file) {
        Path sidecar = sidecar(file);
        if (!Files.exists(sidecar)) return JSON.createObjectNode();
        try {
            return (ObjectNode) JSON.readTree(sidecar.toFile());
        } catch (IOException | ClassCastException e) {
            throw VlmscopeException.badInput(sidecar, "not a JSON object", "re-create the vectors", e);
        }
    }

    public static Path sidecar(Path file) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return file.resolveSibling(base + ".json");
    }
}
