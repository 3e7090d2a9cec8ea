package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.bench.BenchShape;
import vlmscope.bench.EngineBenchmark;
import vlmscope.bench.LlavaShape;
import vlmscope.bench.QwenShape;
import vlmscope.model.Precision;
import vlmscope.model.WeightResidency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vlmscope bench engine}: engine benchmarks that print ratios measured in one run (see BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (not tests): ratios measured in one process.",
        subcommands = {BenchCommand.Engine.class})
final class BenchCommand {

    @Command(name = "engine", mixinStandardHelpOptions = true,
            description = "Forward speed, GEMM fraction, RSS and suffix-recomputation sweep on a random LLaVA- or Qwen2.5-VL-shaped model.")
    static final class Engine implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--arch", defaultValue = "llava", description = "checkpoint layout: llava or qwen2_5_vl (default: ${DEFAULT-VALUE})") String arch;
        @Option(names = "--hidden", defaultValue = "2048") int hidden;
        @Option(names = "--layers", defaultValue = "16") int layers;
        @Option(names = "--heads", defaultValue = "16") int heads;
        @Option(names = "--kv-heads", description = "default: 16 for llava, 2 for qwen2_5_vl (GQA)") Integer kvHeads;
        @Option(names = "--intermediate", defaultValue = "5632") int intermediate;
        @Option(names = "--vocab", description = "default: 32000 for llava, 151936 for qwen2_5_vl") Integer vocab;
        @Option(names = "--vision-hidden", defaultValue = "64", description = "small vision tower: the decoder dominates (default: ${DEFAULT-VALUE})") int visionHidden;
        @Option(names = "--vision-layers", defaultValue = "2") int visionLayers;
        @Option(names = "--image-size", description = "default: 336 for llava (576 tokens), 448 for qwen2_5_vl (256 tokens)") Integer imageSize;
        @Option(names = "--patch", defaultValue = "14") int patch;
        @Option(names = "--text-tokens", defaultValue = "40") int textTokens;
        @Option(names = "--tokenizer", defaultValue = "fixtures/qwen2.5-vl-tiny",
                description = "qwen2_5_vl: the checkpoint folder whose tokenizer.json the random checkpoint reuses (default: ${DEFAULT-VALUE})") Path tokenizer;
        @Option(names = "--threads", defaultValue = "2", description = "intra-op threads (default: ${DEFAULT-VALUE})") int threads;
        @Option(names = "--repeats", defaultValue = "2") int repeats;
        @Option(names = "--dtypes", defaultValue = "fp32,bf16") String dtypes;
        @Option(names = "--weights", defaultValue = "copied", description = "weight residency: copied, mapped or copied,mapped (default: ${DEFAULT-VALUE})") String weights;
        @Option(names = "--dir", description = "where the random checkpoints are written (default: $TMPDIR/vlmscope-bench)") Path dir;

        @Override
        public Integer call() throws Exception {
            List<Precision> precisions = new ArrayList<>();
            for (String s : dtypes.split(",")) precisions.add(Precision.parse(s.strip()));
            List<WeightResidency> residencies = new ArrayList<>();
            for (String s : weights.split(",")) residencies.add(WeightResidency.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT)));
            BenchShape shape = shape(residencies);
            String folder = (shape instanceof LlavaShape ? "" : shape.arch() + "-") + hidden + "x" + layers;
            Path work = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "vlmscope-bench", folder);
            new EngineBenchmark(shape, textTokens, threads, work, repeats, spec.commandLine().getOut()).run(precisions, residencies);
            return 0;
        }

        private BenchShape shape(List<WeightResidency> residencies) {
            return switch (arch) {
                case "llava" -> new LlavaShape(hidden, layers, heads, or(kvHeads, 16), intermediate, or(vocab, 32000),
                        visionHidden, visionLayers, or(imageSize, 336), patch);
                case "qwen2_5_vl" -> {
                    if (residencies.contains(WeightResidency.MAPPED)) {
                        throw new VlmscopeException("--weights mapped is not available for qwen2_5_vl: the Qwen family takes "
                                + "no weight-residency option (F32 weights are read from the checkpoint's mapping, BF16 ones "
                                + "are converted copies). Fix: leave --weights at its default");
                    }
                    yield new QwenShape(hidden, layers, heads, or(kvHeads, 2), intermediate, or(vocab, 151936),
                            visionHidden, visionLayers, or(imageSize, 448), patch, tokenizer);
                }
                default -> throw new VlmscopeException("--arch '" + arch + "' is not a benchmark layout. Fix: use llava or qwen2_5_vl");
            };
        }

        private static int or(Integer value, int fallback) {
            return value != null ? value : fallback;
        }
    }
}
