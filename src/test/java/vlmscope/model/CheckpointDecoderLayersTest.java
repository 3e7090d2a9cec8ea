package vlmscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vlmscope.Json;
import vlmscope.VlmscopeException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoder depth read from config.json as the loaders read it: composite (LLaVA) or flat (Qwen2-VL). */
class CheckpointDecoderLayersTest {

    private static Checkpoint of(String config) throws Exception {
        JsonNode c = Json.MAPPER.readTree(config);
        return new Checkpoint(Path.of("model"), c, Json.MAPPER.createObjectNode());
    }

    @Test
    void compositeConfigReadsTextConfigWithLlamasDefault() throws Exception {
        assertEquals(6, of("{\"model_type\": \"llava\", \"text_config\": {\"num_hidden_layers\": 6}}").decoderLayers());
        assertEquals(32, of("{\"model_type\": \"llava\", \"text_config\": {\"hidden_size\": 4096}}").decoderLayers());
    }

    @Test
    void flatConfigNeedsItsOwnCount() throws Exception {
        assertEquals(28, of("{\"model_type\": \"qwen2_vl\", \"num_hidden_layers\": 28}").decoderLayers());
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> of("{\"model_type\": \"qwen2_vl\"}").decoderLayers());
        assertTrue(e.getMessage().contains("num_hidden_layers"), e.getMessage());
    }
}
