package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;

/** {@code --n --seed --canvas --background}: the world scenes an experiment generates (swap, diagnose). */
final class WorldDataOptions {

    @Option(names = "--n", defaultValue = "20", converter = Converters.Count.class,
            description = "samples (default: ${DEFAULT-VALUE}; What'sUp: the first n rows); a larger n extends an earlier run")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the world scenes and of the run's random choices (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--canvas", description = "world canvas in pixels (default: the model's image size)")
    Integer canvas;

    @Option(names = "--background", defaultValue = "mixed", converter = Converters.Background.class,
            description = "world backgrounds: black | textured | mixed (default: ${DEFAULT-VALUE})")
    BackgroundChoice background;

    /** --canvas, or the model's vision image size. */
    int canvas(LoadedModel lm) {
        return canvas != null ? canvas : lm.model().imageSize();
    }

    BackgroundChoice backgrounds() {
        return background;
    }
}
