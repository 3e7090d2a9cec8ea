package vlmscope.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --image IMG --prompt TEXT [--raw]}. */
final class PromptOptions {

    @Option(names = "--image", paramLabel = "IMG", description = "image file (PNG/JPEG); omit for a text-only prompt")
    Path image;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the question / text")
    String prompt;

    @Option(names = "--raw", description = "use the paper's raw format \"<image>\\n\" + TEXT instead of the chat template")
    boolean raw;
}
