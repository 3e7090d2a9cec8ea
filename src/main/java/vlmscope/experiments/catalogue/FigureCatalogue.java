package vlmscope.experiments.catalogue;

import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.diagnosis.BlurFigure;
import vlmscope.experiments.diagnosis.DepthFigure;
import vlmscope.experiments.diagnosis.DeviationFigure;
import vlmscope.experiments.ids.SpatialIdFigure;
import vlmscope.experiments.steer.SteeringAdversarialFigure;
import vlmscope.experiments.steer.SteeringArbitraryFigure;
import vlmscope.experiments.steer.SteeringSummaryMaker;
import vlmscope.experiments.swap.SwapFigure;
import vlmscope.experiments.temporal.TemporalGridFigure;
import vlmscope.experiments.temporal.TemporalIdFigure;
import vlmscope.experiments.temporal.TemporalSteerFigure;
import vlmscope.experiments.temporal.TemporalSwapFigure;
import vlmscope.finetune.FinetuneFigure;
import vlmscope.report.FigureMaker;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figure maker of each experiment, by the {@code "experiment"} name in its results header. It lives above the
 * experiments (each figure sits beside its experiment) so that {@code report} never imports an experiment; the
 * plot and report commands hand {@link #all()} to the report.
 */
public final class FigureCatalogue {

    private static final Map<String, FigureMaker> MAKERS = new TreeMap<>();

    static {
        MAKERS.put(ExperimentNames.SWAP, new SwapFigure());
        MAKERS.put(ExperimentNames.IDS, new SpatialIdFigure());
        MAKERS.put(ExperimentNames.STEER_ADVERSARIAL, new SteeringAdversarialFigure());
        MAKERS.put(ExperimentNames.STEER_ARBITRARY, new SteeringArbitraryFigure());
        MAKERS.put(ExperimentNames.STEER_SUMMARY, new SteeringSummaryMaker());
        MAKERS.put(ExperimentNames.DEPTH_DIAGNOSIS, new DepthFigure());
        MAKERS.put(ExperimentNames.ID_DEVIATION, new DeviationFigure());
        MAKERS.put(ExperimentNames.BLUR_SENSITIVITY, new BlurFigure());
        MAKERS.put(ExperimentNames.TEMPORAL_SWAP, new TemporalSwapFigure());
        MAKERS.put(ExperimentNames.TEMPORAL_IDS, new TemporalIdFigure());
        MAKERS.put(ExperimentNames.TEMPORAL_STEER, new TemporalSteerFigure());
        MAKERS.put(ExperimentNames.TEMPORAL_GRID, new TemporalGridFigure());
        MAKERS.put(ExperimentNames.FINETUNE, new FinetuneFigure());
    }

    private FigureCatalogue() {
    }

    public static Optional<FigureMaker> forExperiment(String name) {
        return Optional.ofNullable(MAKERS.get(name));
    }

    /** Every registered maker by experiment name (sorted, read-only). */
    public static Map<String, FigureMaker> all() {
        return Collections.unmodifiableMap(MAKERS);
    }
}
