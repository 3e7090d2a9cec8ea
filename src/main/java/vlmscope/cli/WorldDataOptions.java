package vlmscope.cli;

import picocli.CommandLine.Option;

/** {@code --n --seed --canvas --background}: the world scenes an experiment generates (swap, diagnose). */
final class WorldDataOptions extends WorldCanvasOptions {

    @Option(names = "--n", defaultValue = "20", converter = Converters.Count.class,
            description = "samples (default: ${DEFAULT-VALUE}; What'sUp: the first n rows); a larger n extends an earlier run")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the world scenes and of the run's random choices (default: ${DEFAULT-VALUE})")
    long seed;
}
