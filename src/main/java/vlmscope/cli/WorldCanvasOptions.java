package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.engine.LoadedModel;
import vlmscope.world.BackgroundChoice;

/** {@code --canvas --background}: the size and backgrounds of the world images an experiment draws (swap, diagnose, steer). */
class WorldCanvasOptions {

    @Option(names = "--canvas", description = "world canvas in pixels (default: the model's image size)")
    Integer canvas;

    @Option(names = "--background", defaultValue = "mixed", converter = Converters.Background.class,
            description = "world backgrounds: black | textured | mixed (default: ${DEFAULT-VALUE})")
    BackgroundChoice background;

    /** --canvas, or the model's vision image size (what it was trained on). */
    int canvas(LoadedModel lm) {
        return canvas != null ? canvas : lm.model().imageSize();
    }

    BackgroundChoice backgrounds() {
        return background;
    }
}
