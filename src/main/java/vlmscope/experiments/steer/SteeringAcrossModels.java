package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fig 9 and the Fig 2 table across models: one row per adversarial-steering result folder with the baseline
 * accuracy, the mean ± population std over layers of the accuracy drop under ID steering (no noise subtraction),
 * and the top-3-layer swap ratios for IDs and noise.
 */
public final class SteeringAcrossModels {

    public static final String EXPERIMENT = ExperimentNames.STEER_SUMMARY;

    private SteeringAcrossModels() {
    }

    /** One model's point. */
    public record Row(String model, String folder, double baselineAccuracy, double meanDrop, double stdDrop,
                      double idTop3Mean, double idTop3Std, double noiseTop3Mean, double noiseTop3Std) {
    }

    public static List<Row> rows(List<Path> folders) {
        List<Row> rows = new ArrayList<>();
        for (Path folder : folders) {
            Path results = folder.resolve("results.jsonl");
            if (!Files.exists(results)) {
                throw VlmscopeException.badInput(folder, "has no results.jsonl", "pass folders written by 'vlmscope steer adversarial'");
            }
            ResultStore.Contents c = ResultStore.read(results);
            if (c.header() == null || !AdversarialSteering.EXPERIMENT.equals(c.header().path("experiment").asText())) {
                throw VlmscopeException.badInput(results, "is not an adversarial-steering result",
                        "pass folders written by 'vlmscope steer adversarial'");
            }
            boolean paper = c.header().path("settings").path("paperCompat").asBoolean();
            JsonNode s = AdversarialSummary.of(c.records(), paper).json();
            String model = Path.of(c.header().path("model").asText()).getFileName().toString();
            rows.add(new Row(model, folder.toString(), s.path("baseline").path("accuracy").asDouble(Double.NaN),
                    num(s.path("steerability").path("meanAccuracyDrop")), num(s.path("steerability").path("stdAccuracyDrop")),
                    num(s.path("top3").path("id").path("meanSwapRatio")), num(s.path("top3").path("id").path("stdSwapRatio")),
                    num(s.path("top3").path("noise").path("meanSwapRatio")), num(s.path("top3").path("noise").path("stdSwapRatio"))));
        }
        return rows;
    }

    /**
     * Writes {@code out} as a results folder like any experiment's: results.jsonl (a header naming the input folders,
     * one record per model keyed by its folder; rewritten each time, since the inputs may have changed),
     * summary.json and the figures.
     */
    public static void write(List<Row> rows, List<Path> folders, ExperimentOutput out, List<String> commandLine) {
        for (Path folder : folders) {
            if (folder.toAbsolutePath().normalize().equals(out.dir().toAbsolutePath().normalize())) {
                throw VlmscopeException.badInput(out.dir(), "is one of the folders being summarised, and its results would be replaced",
                        "pass another --out folder, e.g. runs/fig9");
            }
        }
        ObjectNode settings = ExperimentOutput.object();
        ArrayNode inputs = settings.putArray("folders");
        folders.forEach(f -> inputs.add(f.toString()));
        String models = String.join(", ", rows.stream().map(Row::model).toList());
        ObjectNode header = new RunHeader(EXPERIMENT, models, dtypeOf(folders), settings, commandLine).json();
        try (ResultStore store = out.open(header, true)) {
            for (Row r : rows) store.append(r.folder(), record(r));
            out.writeSummary(json(rows));
        }
        new SteeringSummaryMaker().make(ResultStore.read(out.resultsFile()), out.figuresDir());
    }

    /** The precision the summarised runs share, or {@link RunHeader#MIXED} when they differ. */
    private static String dtypeOf(List<Path> folders) {
        List<String> dtypes = folders.stream()
                .map(f -> ResultStore.read(f.resolve("results.jsonl")).header().path("dtype").asText().toLowerCase(Locale.ROOT))
                .distinct().toList();
        return dtypes.size() == 1 ? dtypes.getFirst() : RunHeader.MIXED;
    }

    /** The rows back from the records of a steer-summary results file. */
    public static List<Row> rows(ResultStore.Contents results) {
        return results.records().stream().map(r -> new Row(r.path("model").asText(), r.path("folder").asText(),
                num(r.path("baselineAccuracy")), num(r.path("meanAccuracyDrop")), num(r.path("stdAccuracyDrop")),
                num(r.path("idTop3MeanSwapRatio")), num(r.path("idTop3StdSwapRatio")),
                num(r.path("noiseTop3MeanSwapRatio")), num(r.path("noiseTop3StdSwapRatio")))).toList();
    }

    private static ObjectNode record(Row r) {
        return ExperimentOutput.object().put("model", r.model()).put("folder", r.folder())
                .put("baselineAccuracy", r.baselineAccuracy()).put("meanAccuracyDrop", r.meanDrop())
                .put("stdAccuracyDrop", r.stdDrop()).put("idTop3MeanSwapRatio", r.idTop3Mean())
                .put("idTop3StdSwapRatio", r.idTop3Std()).put("noiseTop3MeanSwapRatio", r.noiseTop3Mean())
                .put("noiseTop3StdSwapRatio", r.noiseTop3Std());
    }

    /** The rows as summary.json content. */
    public static ObjectNode json(List<Row> rows) {
        ObjectNode out = ExperimentOutput.object();
        out.put("experiment", EXPERIMENT);
        out.put("steerability", "mean over steered layers of (baseline accuracy - accuracy under ID steering); no noise subtraction");
        ArrayNode a = out.putArray("models");
        for (Row r : rows) a.add(record(r));
        return out;
    }

    private static double num(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
