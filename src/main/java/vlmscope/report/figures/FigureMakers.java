package vlmscope.report.figures;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The figure maker of each experiment, by the {@code "experiment"} name in its results header. */
public final class FigureMakers {

    private static final Map<String, FigureMaker> MAKERS = new TreeMap<>();

    static {
        // One line per experiment: MAKERS.put("<experiment name>", new <Name>Figure());
        MAKERS.put("swap", new SwapFigure());
        MAKERS.put("ids", new SpatialIdFigure());
        MAKERS.put(vlmscope.experiments.steer.AdversarialSteering.EXPERIMENT, new SteeringAdversarialFigure());
        MAKERS.put(vlmscope.experiments.steer.ArbitrarySteering.EXPERIMENT, new SteeringArbitraryFigure());
        MAKERS.put("depth-diagnosis", new DepthFigure());
        MAKERS.put("id-deviation", new DeviationFigure());
        MAKERS.put("blur-sensitivity", new BlurFigure());
        MAKERS.put(vlmscope.experiments.temporal.TemporalSwapExperiment.NAME, new TemporalSwapFigure());
        MAKERS.put(vlmscope.experiments.temporal.TemporalIdExperiment.NAME, new TemporalIdFigure());
        MAKERS.put(vlmscope.experiments.temporal.TemporalSteerExperiment.NAME, new TemporalSteerFigure());
        MAKERS.put(vlmscope.experiments.temporal.TemporalGridExperiment.NAME, new TemporalGridFigure());
        MAKERS.put(vlmscope.finetune.FinetuneExperiment.NAME, new FinetuneFigure());
        MAKERS.put(vlmscope.experiments.steer.SteeringAcrossModels.EXPERIMENT, new vlmscope.experiments.steer.SteeringSummaryMaker());
    }

    private FigureMakers() {
    }

    public static Optional<FigureMaker> forExperiment(String name) {
        return Optional.ofNullable(MAKERS.get(name));
    }

    /** Every registered maker by experiment name (sorted, read-only). */
    public static Map<String, FigureMaker> all() {
        return Collections.unmodifiableMap(MAKERS);
    }
}
