package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ids.SpatialIdFile;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --ids FILE [--id-size SIZE]}: the universal IDs and axes of an 'ids extract' run (steer, diagnose). */
final class IdFileOptions {

    @Option(names = "--ids", required = true, paramLabel = "FILE", description = "ids.safetensors from the spatial-ID extraction (universal IDs and axes)")
    Path ids;

    @Option(names = "--id-size", paramLabel = "SIZE", description = "object-size label of the universal IDs (default: the largest in the file)")
    Integer idSize;

    SpatialIdFile read() {
        if (!Files.exists(ids)) throw VlmscopeException.badInput(ids, "no such file", "pass the ids.safetensors of 'vlmscope ids'");
        return SpatialIdFile.read(ids, idSize);
    }
}
