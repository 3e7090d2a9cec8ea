package vlmscope.world;

import java.util.Map;
import java.util.TreeMap;

/**
 * The first line of a world dataset's JSONL: what was rendered, from which seed, with which parameters.
 * Two datasets with equal headers have identical contents (rendering is deterministic).
 */
public record DatasetHeader(String format, SceneKind kind, long seed, Map<String, String> params) {

    /** The current format tag. */
    public static final String FORMAT = "vlmscope-world/1";

    public DatasetHeader {
        params = new TreeMap<>(params);
    }
}
