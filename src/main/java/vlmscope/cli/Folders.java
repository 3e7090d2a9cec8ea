package vlmscope.cli;

import vlmscope.VlmscopeException;

import java.nio.file.Files;
import java.nio.file.Path;

/** The one wording of "no such folder" across commands: "DIR: no such folder (what it should be). Fix: …". */
final class Folders {

    /** The organism's folder, the default model of experiment commands. */
    static final Path ORGANISM = Path.of("models/organism");

    private Folders() {
    }

    /** {@code dir} when it is a folder; otherwise the house error naming it, what it should hold and the fix. */
    static Path require(Path dir, String what, String fix) {
        if (!Files.isDirectory(dir)) throw missing(dir, what, fix);
        return dir;
    }

    static VlmscopeException missing(Path dir, String what, String fix) {
        String problem = Files.exists(dir) ? "not a folder (" + what + ")" : "no such folder (" + what + ")";
        return VlmscopeException.badInput(dir, problem, fix);
    }

    /** A checkpoint folder given with --model. */
    static Path requireModel(Path dir) {
        return require(dir, "the checkpoint: config.json, *.safetensors, tokenizer.json", "pass --model DIR");
    }

    /** --model when given, else the organism in models/organism. */
    static Path modelOrOrganism(Path model) {
        if (model != null) return requireModel(model);
        return require(ORGANISM, "the default model, the organism", "pass --model DIR, or train the organism with"
                + " 'vlmscope organism train'");
    }
}
