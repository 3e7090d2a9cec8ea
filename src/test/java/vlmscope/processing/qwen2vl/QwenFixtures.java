package vlmscope.processing.qwen2vl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The committed HF-generated Qwen fixtures (fixtures/qwen2-vl-tiny, fixtures/qwen2.5-vl-tiny) and their cases. */
public final class QwenFixtures {

    public static final List<Path> FOLDERS = List.of(Path.of("fixtures/qwen2-vl-tiny"), Path.of("fixtures/qwen2.5-vl-tiny"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private QwenFixtures() {
    }

    /** One golden case: its fixture folder, name and expected JSON. */
    public record Case(Path folder, String name, JsonNode expected) {
        @Override
        public String toString() {
            return folder.getFileName() + "/" + name;
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Path folder : FOLDERS) {
            for (JsonNode name : read(folder.resolve("expected/index.json")).get("cases")) {
                cases.add(new Case(folder, name.asText(), read(folder.resolve("expected/" + name.asText() + ".json"))));
            }
        }
        return cases;
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) array.get(i).asDouble();
        return out;
    }
}
