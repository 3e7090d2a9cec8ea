package vlmscope.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.experiments.Progress;
import vlmscope.world.BackgroundChoice;
import vlmscope.world.RenderSpec;
import vlmscope.world.SceneKind;
import vlmscope.world.WorldDatasets;

/** {@code vlmscope world …}: the synthetic spatial world. */
@Command(name = "world", mixinStandardHelpOptions = true, description = "The synthetic spatial world.",
        subcommands = {WorldCommand.Render.class})
public final class WorldCommand {

    /** {@code vlmscope world render}: renders a dataset of PNGs plus annotations.jsonl. */
    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Render scenes (grid, free, depth, nearfar, inbetween, video) as PNGs + annotations.jsonl.")
    static final class Render implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--kind", required = true, description = "grid | free | depth | nearfar | inbetween | video")
        String kind;

        @Option(names = "--out", required = true, converter = Converters.OutputPath.class, description = "Output folder.")
        Path out;

        @Option(names = "--n", defaultValue = "20", converter = Converters.Count.class, description = "Samples for non-grid kinds (default ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--canvas", defaultValue = "224", description = "Canvas side in pixels (default ${DEFAULT-VALUE}).")
        int canvas;

        @Option(names = "--cells", defaultValue = "4", description = "Grid cells per side (default ${DEFAULT-VALUE}).")
        int cells;

        @Option(names = "--pairs", split = ";", defaultValue = "dog,cat",
                description = "Grid object pairs a,b separated by ';' (default ${DEFAULT-VALUE}).")
        List<String> pairs;

        @Option(names = "--sizes", split = ",", defaultValue = "74,124,174,224",
                description = "Grid object sizes in 224ths of a cell (default ${DEFAULT-VALUE}).")
        List<Integer> sizes;

        @Option(names = "--background", description = "black | textured | mixed (default: black for grid, mixed otherwise).")
        String background;

        @Option(names = "--frames", defaultValue = "4-8", description = "Video length range min-max (default ${DEFAULT-VALUE}).")
        String frames;

        @Option(names = "--force", description = "Write into a non-empty folder that holds a different dataset.")
        boolean force;

        @Override
        public Integer call() {
            SceneKind sceneKind = parseEnum(SceneKind.class, "--kind", kind);
            BackgroundChoice choice = background == null
                    ? (sceneKind == SceneKind.GRID ? BackgroundChoice.BLACK : BackgroundChoice.MIXED)
                    : parseEnum(BackgroundChoice.class, "--background", background);
            int[] range = parseRange(frames);
            RenderSpec renderSpec = new RenderSpec(sceneKind, n, seed, canvas, cells, pairs,
                    sizes, choice, range[0], range[1]);
            int total = renderSpec.total();
            Progress progress = new Progress("world render", total, spec.commandLine().getErr());
            long start = System.nanoTime();
            int written = WorldDatasets.write(renderSpec, out, force, done -> progress.step(sceneKind.cliName()));
            progress.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            var o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "world render: wrote %d %s samples in %.1f s%n", written, sceneKind.cliName(), seconds);
            o.println("dataset: " + out);
            return 0;
        }

        private static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value) {
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new VlmscopeException(option + " " + value + " is not known. Fix: use one of "
                        + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
            }
        }

        private static int[] parseRange(String text) {
            String[] parts = text.split("-");
            try {
                if (parts.length == 2) return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
                if (parts.length == 1) return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[0])};
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
            throw new VlmscopeException("--frames " + text + " is not a range. Fix: write min-max, e.g. 4-8");
        }
    }
}
