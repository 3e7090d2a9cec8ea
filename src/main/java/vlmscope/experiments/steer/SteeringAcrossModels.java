package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.analysis.Correlation;
import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.model.Checkpoint;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;
import vlmscope.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fig 9 and the Fig 2 table across models: one row per adversarial-steering result folder with the baseline
 * accuracy, the mean ± population std over layers of the accuracy drop under ID steering (no noise subtraction),
 * the same over the steered layers other than the model's last decoder layer (an edit there cannot reach the answer
 * through a later block, so its drop is 0 by construction), and the top-3-layer swap ratios for IDs and noise.
 * Over the models: Pearson's r between baseline accuracy and the drop without the last layer, its exact
 * t-distribution p-value, and Spearman's ρ ({@link Correlation}); fewer than {@link Correlation#MIN_POINTS}
 * models give none.
 */
public final class SteeringAcrossModels {

    public static final String EXPERIMENT = ExperimentNames.STEER_SUMMARY;

    private SteeringAcrossModels() {
    }

    /** One model's point. */
    public record Row(String model, String folder, double baselineAccuracy, double meanDrop, double stdDrop,
                      double idTop3Mean, double idTop3Std, double noiseTop3Mean, double noiseTop3Std,
                      int lastLayer, double meanDropBeforeLast, double stdDropBeforeLast) {
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
            AdversarialSummary.Result summary = AdversarialSummary.of(c.records(), paper);
            JsonNode s = summary.json();
            int last = decoderLayers(c.header(), results) - 1;
            double[] drops = summary.byCondition().getOrDefault("id", java.util.Map.of()).entrySet().stream()
                    .filter(e -> e.getKey() != last).mapToDouble(e -> e.getValue().accuracyDrop()).toArray();
            rows.add(new Row(modelName(c.header()), folder.toString(), s.path("baseline").path("accuracy").asDouble(Double.NaN),
                    num(s.path("steerability").path("meanAccuracyDrop")), num(s.path("steerability").path("stdAccuracyDrop")),
                    num(s.path("top3").path("id").path("meanSwapRatio")), num(s.path("top3").path("id").path("stdSwapRatio")),
                    num(s.path("top3").path("noise").path("meanSwapRatio")), num(s.path("top3").path("noise").path("stdSwapRatio")),
                    last, SwapStatistics.mean(drops), SwapStatistics.populationStd(drops)));
        }
        return distinctNames(rows);
    }

    /** A model's label: its folder's name. */
    private static String modelName(JsonNode header) {
        return Path.of(header.path("model").asText()).getFileName().toString();
    }

    /** Labels made unique: when two models share a folder name, every label becomes parent/name. */
    private static List<Row> distinctNames(List<Row> rows) {
        if (rows.stream().map(Row::model).distinct().count() == rows.size()) return rows;
        return rows.stream().map(r -> {
            String model = ResultStore.read(Path.of(r.folder()).resolve("results.jsonl")).header().path("model").asText();
            Path p = Path.of(model);
            String label = p.getParent() == null ? p.toString() : p.getParent().getFileName() + "/" + p.getFileName();
            return new Row(label, r.folder(), r.baselineAccuracy(), r.meanDrop(), r.stdDrop(), r.idTop3Mean(), r.idTop3Std(),
                    r.noiseTop3Mean(), r.noiseTop3Std(), r.lastLayer(), r.meanDropBeforeLast(), r.stdDropBeforeLast());
        }).toList();
    }

    /** The steered model's decoder depth ({@link Checkpoint#decoderLayers}) of the model folder the run names. */
    static int decoderLayers(JsonNode header, Path results) {
        Path model = Path.of(header.path("model").asText());
        if (!Files.exists(model.resolve("config.json"))) {
            throw VlmscopeException.badInput(results, "names the model " + header.path("model").asText() + ", which has no config.json",
                    "restore the model folder the run was made with: its decoder depth says which layer is the last");
        }
        return Checkpoint.open(model).decoderLayers();
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
                num(r.path("noiseTop3MeanSwapRatio")), num(r.path("noiseTop3StdSwapRatio")), r.path("lastLayer").asInt(),
                num(r.path("meanAccuracyDropBeforeLastLayer")), num(r.path("stdAccuracyDropBeforeLastLayer")))).toList();
    }

    /** Baseline accuracy against the mean accuracy drop without the last layer, over the models. */
    public static Correlation correlation(List<Row> rows) {
        return Correlation.of(rows.stream().mapToDouble(Row::meanDropBeforeLast).toArray(),
                rows.stream().mapToDouble(Row::baselineAccuracy).toArray());
    }

    private static ObjectNode record(Row r) {
        return ExperimentOutput.object().put("model", r.model()).put("folder", r.folder())
                .put("baselineAccuracy", r.baselineAccuracy()).put("meanAccuracyDrop", r.meanDrop())
                .put("stdAccuracyDrop", r.stdDrop()).put("idTop3MeanSwapRatio", r.idTop3Mean())
                .put("idTop3StdSwapRatio", r.idTop3Std()).put("noiseTop3MeanSwapRatio", r.noiseTop3Mean())
                .put("noiseTop3StdSwapRatio", r.noiseTop3Std()).put("lastLayer", r.lastLayer())
                .put("meanAccuracyDropBeforeLastLayer", r.meanDropBeforeLast())
                .put("stdAccuracyDropBeforeLastLayer", r.stdDropBeforeLast());
    }

    /** The rows as summary.json content. */
    public static ObjectNode json(List<Row> rows) {
        ObjectNode out = ExperimentOutput.object();
        out.put("experiment", EXPERIMENT);
        out.put("steerability", "mean over steered layers of (baseline accuracy - accuracy under ID steering); no noise subtraction");
        ArrayNode a = out.putArray("models");
        for (Row r : rows) a.add(record(r));
        Correlation c = correlation(rows);
        ObjectNode corr = out.putObject("correlation");
        corr.put("x", "meanAccuracyDropBeforeLastLayer").put("y", "baselineAccuracy").put("n", c.n());
        Json.putFinite(corr, "pearson", c.pearson());
        Json.putFinite(corr, "t", c.t());
        Json.putFinite(corr, "p", c.p());
        Json.putFinite(corr, "spearman", c.spearman());
        corr.put("test", "two-sided p of Pearson's r from the exact Student t distribution with n - 2 degrees of freedom;"
                + " Spearman's rho has no p-value here");
        if (c.n() < Correlation.MIN_POINTS) corr.put("note", "no correlation: " + c.n() + " model(s), at least "
                + Correlation.MIN_POINTS + " needed");
        return out;
    }

    private static double num(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
