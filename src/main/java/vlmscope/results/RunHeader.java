package vlmscope.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The first line of every results file: which experiment ran on which model at which precision, with which
 * settings, vlmscope and Java versions, and the command line. Only {@code settings} must match when a run resumes
 * (it holds every option that changes the numbers, seeds included); the rest is informative.
 *
 * @param dtype the compute precision as the CLI spells it, {@code fp32} or {@code bf16} (any case is accepted), or
 *              {@link #MIXED} for a summary over runs made at both
 */
public record RunHeader(String experiment, String model, String dtype, ObjectNode settings, List<String> command) {

    public static final String VLMSCOPE_VERSION = "0.1.0";
    public static final String MIXED = "mixed";

    public RunHeader {
        dtype = dtype.toLowerCase(Locale.ROOT);
        if (!dtype.equals("fp32") && !dtype.equals("bf16") && !dtype.equals(MIXED)) {
            throw new IllegalArgumentException("dtype '" + dtype + "' is neither fp32, bf16 nor " + MIXED);
        }
        command = List.copyOf(command);
    }

    /** The header as written to the results file. */
    public ObjectNode json() {
        ObjectNode h = Json.object();
        h.put("experiment", experiment);
        h.put("model", model);
        h.put("dtype", dtype);
        h.set("settings", settings);
        h.put("vlmscope", VLMSCOPE_VERSION);
        h.put("java", System.getProperty("java.version"));
        h.put("started", Instant.now().toString());
        h.set("command", Json.MAPPER.valueToTree(command));
        return h;
    }
}
