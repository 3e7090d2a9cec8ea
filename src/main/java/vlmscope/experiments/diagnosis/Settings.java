package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/**
 * Results-header settings in the form they take after a round trip through the file, so that a resumed run
 * compares equal (Jackson's LongNode(7) differs from the IntNode(7) read back).
 */
final class Settings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Settings() {
    }

    static ObjectNode normalised(ObjectNode settings) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsString(settings));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
