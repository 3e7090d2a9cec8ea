package vlmscope.hooks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import vlmscope.VlmscopeException;
import vlmscope.tensor.SafetensorsWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Saves the activations of a trace's hook sites that match a pattern to one safetensors file, float32. */
public final class TraceDump {

    /** What a site list looks like, for error messages. */
    static final String SITE_EXAMPLES = "use names like embed, blocks.3.resid_post, blocks.*.attn_out, vision.features,"
            + " projector.out, final_norm";

    private TraceDump() {
    }

    /** Fails unless {@code file} can be a file to write (it must not be a folder); call before the run. */
    public static void requireFileTarget(Path file) {
        if (Files.isDirectory(file)) {
            throw VlmscopeException.badInput(file, "is a folder, but the dump is one safetensors file",
                    "name a file, e.g. --out " + file.resolve("acts.safetensors"));
        }
    }

    /**
     * Writes every site of {@code trace} that {@code sites} accepts to {@code file} ({@code [T, d]} float32 each, in
     * the trace's order) with {@code metadata}; returns how many sites it wrote. No match is an error naming the list.
     */
    public static int save(Trace trace, SitePattern sites, String siteList, Path file, Map<String, String> metadata) {
        requireFileTarget(file);
        SafetensorsWriter writer = new SafetensorsWriter();
        metadata.forEach(writer::metadata);
        int n = 0;
        for (String site : trace.sites()) {
            if (!sites.test(site)) continue;
            NDArray value = trace.get(site);
            try (NDArray f = value.getDataType() == DataType.FLOAT32 ? value.duplicate() : value.toType(DataType.FLOAT32, false)) {
                writer.add(site, f);
            }
            n++;
        }
        if (n == 0) throw new VlmscopeException("--dump '" + siteList + "' matched no hook site. Fix: " + SITE_EXAMPLES);
        writer.write(file);
        return n;
    }
}
