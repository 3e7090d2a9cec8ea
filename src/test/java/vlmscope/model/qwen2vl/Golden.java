package vlmscope.model.qwen2vl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** Compares float32 rows with HF golden rows: |a - e| <= abs + rel * |e| per element; returns the max abs error. */
final class Golden {

    static final double ABS = 2e-4;
    static final double REL = 1e-4;

    private Golden() {
    }

    static double assertRowClose(String what, JsonNode expected, float[] actual, int offset) {
        double maxErr = 0;
        for (int j = 0; j < expected.size(); j++) {
            double e = expected.get(j).asDouble();
            double err = Math.abs(actual[offset + j] - e);
            maxErr = Math.max(maxErr, err);
            assertTrue(err <= ABS + REL * Math.abs(e), what + "[" + j + "]: " + actual[offset + j] + " vs HF " + e);
        }
        return maxErr;
    }
}
