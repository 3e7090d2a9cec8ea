package vlmscope.experiments.steer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Settings as they read back from a results header. ResultStore compares settings with {@code JsonNode.equals},
 * which tells a {@code long} 3 from an {@code int} 3; a round trip through text gives the node types a reread has.
 */
final class JsonSettings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSettings() {
    }

    static ObjectNode normalised(ObjectNode settings) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsString(settings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
