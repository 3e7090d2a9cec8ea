package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vlmscope.bench.EngineBenchmark;
import vlmscope.bench.LlavaShape;
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
            description = "Forward speed, GEMM fraction, RSS and suffix-recomputation sweep on a random LLaVA-shaped model.")
    static final class Engine implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--hidden", defaultValue = "2048") int hidden;
        @Option(names = "--layers", defaultValue = "16") int layers;
        @Option(names = "--heads", defaultValue = "16") int heads;
        @Option(names = "--kv-heads", defaultValue = "16") int kvHeads;
        @Option(names = "--intermediate", defaultValue = "5632") int intermediate;
        @Option(names = "--vocab", defaultValue = "32000") int vocab;
        @Option(names = "--vision-hidden", defaultValue = "64", description = "small CLIP tower: the decoder dominates (default: ${DEFAULT-VALUE})") int visionHidden;
        @Option(names = "--vision-layers", defaultValue = "2") int visionLayers;
        @Option(names = "--image-size", defaultValue = "336") int imageSize;
        @Option(names = "--patch", defaultValue = "14") int patch;
        @Option(names = "--text-tokens", defaultValue = "40") int textTokens;
        @Option(names = "--threads", defaultValue = "2", description = "intra-op threads (default: ${DEFAULT-VALUE})") int threads;
        @Option(names = "--repeats", defaultValue = "2") int repeats;
        @Option(names = "--dtypes", defaultValue = "fp32,bf16") String dtypes;
        @Option(names = "--weights", defaultValue = "copied", description = "weight residency: copied, mapped or copied,mapped (default: ${DEFAULT-VALUE})") String weights;
        @Option(names = "--dir", description = "where the random checkpoints are written (default: $TMPDIR/vlmscope-bench)") Path dir;

        @Override
        public Integer call() throws Exception {
            LlavaShape shape = new LlavaShape(hidden, layers, heads, kvHeads, intermediate, vocab, visionHidden, visionLayers, imageSize, patch);
            Path work = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "vlmscope-bench", hidden + "x" + layers);
            List<Precision> precisions = new ArrayList<>();
            for (String s : dtypes.split(",")) precisions.add(Precision.parse(s.strip()));
            List<WeightResidency> residencies = new ArrayList<>();
            for (String s : weights.split(",")) residencies.add(WeightResidency.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT)));
            new EngineBenchmark(shape, textTokens, threads, work, repeats, spec.commandLine().getOut()).run(precisions, residencies);
            return 0;
        }
    }
}
