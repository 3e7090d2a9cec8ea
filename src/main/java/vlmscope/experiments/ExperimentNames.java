package vlmscope.experiments;

/**
 * Every experiment's name as written in its results header ({@code "experiment"}) and summary.json; the figure
 * catalogue and the experiments themselves take their names from here.
 */
public final class ExperimentNames {

    public static final String SWAP = "swap";
    public static final String IDS = "ids";
    public static final String STEER_ADVERSARIAL = "steer-adversarial";
    public static final String STEER_ARBITRARY = "steer-arbitrary";
    public static final String STEER_SUMMARY = "steer-summary";
    public static final String DEPTH_DIAGNOSIS = "depth-diagnosis";
    public static final String ID_DEVIATION = "id-deviation";
    public static final String BLUR_SENSITIVITY = "blur-sensitivity";
    public static final String TEMPORAL_SWAP = "temporal-swap";
    public static final String TEMPORAL_IDS = "temporal-ids";
    public static final String TEMPORAL_STEER = "temporal-steer";
    public static final String TEMPORAL_GRID = "temporal-grid";
    public static final String FINETUNE = "finetune";

    private ExperimentNames() {
    }
}
