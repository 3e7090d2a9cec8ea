package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.experiments.ExperimentNames;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.results.ResultStore;
import vlmscope.engine.LoadedModel;
import vlmscope.world.Background;
import vlmscope.world.Catalogue;
import vlmscope.world.QaTask;
import vlmscope.world.QuestionForms;
import vlmscope.world.Video;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The spatiotemporal ID grid (A17): IDs over (position × time). For each of {@code kinds} target objects, each cell
 * of an m×m grid and each start frame f in 0..F-1, a probe video ({@link ProbeVideos}) shows the target filling that
 * cell from frame f on, and a partner object (random box) from another start frame; the question "Does the {target}
 * come before or after the {partner}?" is traced once and the target word's {@code blocks.L.resid_post} row kept
 * for every layer. The field over (cell, frame) ({@link SpatiotemporalField}) is summarised per layer by how much of
 * its spread is time, position and their interaction, and projected on time, x and y axes at the analysis layer.
 */
public final class TemporalGridExperiment {

    public static final String NAME = ExperimentNames.TEMPORAL_GRID;

    private final LoadedModel lm;
    private final TemporalSettings settings;
    private final int cells;
    private final int kinds;
    private final int analysisLayer;

    public TemporalGridExperiment(LoadedModel lm, TemporalSettings settings, int cells, int kinds, Integer analysisLayer) {
        if (cells < 2 || settings.canvas() / cells < 4) {
            throw new VlmscopeException("--cells " + cells + " does not fit a " + settings.canvas() + " px frame. Fix: use"
                    + " 2.." + settings.canvas() / 4);
        }
        if (kinds < 1 || 2 * kinds > Catalogue.names().size()) {
            throw new VlmscopeException("--kinds " + kinds + " is outside 1-" + Catalogue.names().size() / 2 + ". Fix: e.g. --kinds 2");
        }
        this.lm = lm;
        this.settings = settings;
        this.cells = cells;
        this.kinds = kinds;
        this.analysisLayer = analysisLayer != null ? analysisLayer
                : Math.clamp(TemporalIdExperiment.defaultPcaLayer(lm.model().numLayers()), settings.firstLayer(), settings.lastLayer());
        if (this.analysisLayer < settings.firstLayer() || this.analysisLayer > settings.lastLayer()) {
            throw new VlmscopeException("--pca-layer " + this.analysisLayer + " is outside --layers. Fix: choose a layer inside");
        }
    }

    /** One probe: target kind in cell (col, row) from frame f, its partner, and the seed of the rest. */
    public record Probe(String target, String partner, int col, int row, int frame, long seed) {
        public String key() {
            return target + "/c" + col + "r" + row + "/f" + frame;
        }
    }

    public static List<Probe> probes(long seed, int kinds, int cells, int frames) {
        List<String> names = new ArrayList<>(Catalogue.names());
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = names.size() - 1; i > 0; i--) Collections.swap(names, i, rng.nextInt(i + 1));
        List<Probe> out = new ArrayList<>();
        for (int k = 0; k < kinds; k++)
            for (int row = 0; row < cells; row++)
                for (int col = 0; col < cells; col++)
                    for (int f = 0; f < frames; f++)
                        out.add(new Probe(names.get(k), names.get(kinds + k), col, row, f, seed * 1_000_003L + out.size()));
        return out;
    }

    /** The probe's video: the target filling its cell from its frame, the partner from another seeded frame. */
    public static Video video(Probe p, int canvas, int cells, int frames, Background background) {
        SplittableRandom rng = new SplittableRandom(p.seed());
        int partnerStart = rng.nextInt(frames - 1);
        if (partnerStart >= p.frame()) partnerStart++;
        List<ProbeVideos.Appearance> shown = List.of(
                new ProbeVideos.Appearance(p.target(), ProbeVideos.colour(rng), ProbeVideos.cell(canvas, cells, p.col(), p.row()), p.frame()),
                new ProbeVideos.Appearance(p.partner(), ProbeVideos.colour(rng), ProbeVideos.anywhere(rng, canvas), partnerStart));
        return ProbeVideos.build(canvas, frames, background, shown, ProbeVideos.filler(rng, canvas, Set.of(p.target(), p.partner())));
    }

    public record Outcome(int probes, int written, ObjectNode summary) {
    }

    public Outcome run(ExperimentOutput out, boolean fresh, List<String> commandLine) {
        ObjectNode all = settings.json();
        all.put("cells", cells);
        all.put("kinds", kinds);
        all.put("pca_layer", analysisLayer);
        ObjectNode header = TemporalSettings.header(NAME, lm, all, commandLine);
        List<Probe> probes = probes(settings.seed(), kinds, cells, settings.frames());
        int written = 0;
        try (ResultStore store = out.open(header, fresh)) {
            Progress progress = new Progress("temporal grid", probes.size());
            for (Probe p : probes) {
                if (progress.stored(store, p.key())) continue;
                Background background = settings.backgrounds().draw(new SplittableRandom(p.seed() ^ 0x5DEECE66DL));
                Video video = video(p, settings.canvas(), cells, settings.frames(), background);
                store.append(p.key(), record(p, video));
                written++;
                progress.step(p.key());
            }
            progress.finish();
            ObjectNode summary = summary(store.header(), store.records());
            out.writeSummary(summary);
            return new Outcome(probes.size(), written, summary);
        }
    }

    private ObjectNode record(Probe p, Video video) {
        String text = QuestionForms.beforeAfter(p.target(), p.partner()) + " " + QuestionForms.instruction(QaTask.BEFORE_AFTER);
        ModelInput input = VideoPrompt.prepare(lm, text, settings.frames(), settings.raw());
        int at = lm.locator().positions(input, p.target(), Occurrence.FIRST)[0];
        ObjectNode r = ExperimentOutput.object();
        r.put("target", p.target());
        r.put("partner", p.partner());
        r.put("col", p.col());
        r.put("row", p.row());
        r.put("frame", p.frame());
        r.put("position", at);
        try (Trace t = lm.hooked().trace(new Inputs(input.ids(), VideoPrompt.pixels(lm, video.frames())), TraceSpec.residuals())) {
            ObjectNode rows = r.putObject("rows");
            for (int layer = settings.firstLayer(); layer <= settings.lastLayer(); layer++) {
                TemporalIds.put(rows, "L" + layer, t.rows(Sites.residPost(layer), at)[0]);
            }
        }
        return r;
    }

    /** The three axes of a field: time, x, y (each first < last). */
    public record Axes(TemporalAxis time, TemporalAxis x, TemporalAxis y) {
        public static Axes of(SpatiotemporalField field) {
            return new Axes(TemporalAxis.fit(field.frameMeans()), TemporalAxis.fit(field.lineMeans(true)),
                    TemporalAxis.fit(field.lineMeans(false)));
        }
    }

    /**
     * summary.json: per layer the shares of the field's spread (time, position, interaction) and the explained
     * variance of each 1-D axis; at the analysis layer the projections [cell][frame] on time, x and y.
     */
    public static ObjectNode summary(JsonNode header, List<JsonNode> records) {
        JsonNode settings = header.path("settings");
        int cells = settings.path("cells").asInt(), frames = settings.path("frames").asInt();
        int analysis = settings.path("pca_layer").asInt();
        ObjectNode s = ExperimentOutput.object();
        s.put("experiment", NAME);
        s.put("model", header.path("model").asText());
        s.put("layer_convention", settings.path("layer_convention").asText());
        s.put("records", records.size());
        s.put("expected_records", (long) settings.path("kinds").asInt() * cells * cells * frames);
        s.put("pca_layer", analysis);
        if (records.size() < s.path("expected_records").asLong()) return s;
        ObjectNode layers = s.putObject("layers");
        SpatiotemporalField.of(records, cells, frames).forEach((layer, field) -> {
            SpatiotemporalField.Shares sh = field.shares();
            Axes axes = Axes.of(field);
            ObjectNode l = layers.putObject(String.valueOf(layer));
            l.put("time_share", sh.time());
            l.put("position_share", sh.position());
            l.put("interaction_share", sh.interaction());
            l.put("time_axis_explained", axes.time().explained());
            l.put("time_axis_rank_correlation", axes.time().rankCorrelation());
            if (layer == analysis) {
                ObjectNode p = s.putObject("projections");
                p.set("time", matrix(field.projections(axes.time())));
                p.set("x", matrix(field.projections(axes.x())));
                p.set("y", matrix(field.projections(axes.y())));
                s.set("headline", l.deepCopy());
            }
        });
        return s;
    }

    private static ArrayNode matrix(double[][] m) {
        ArrayNode a = ExperimentOutput.object().arrayNode();
        for (double[] row : m) {
            ArrayNode r = a.addArray();
            for (double v : row) {
                if (Double.isFinite(v)) r.add(v);
                else r.addNull();
            }
        }
        return a;
    }

    /** The fields per layer from the records (for the figure). */
    public static Map<Integer, SpatiotemporalField> fields(JsonNode header, List<JsonNode> records) {
        JsonNode settings = header.path("settings");
        return SpatiotemporalField.of(records, settings.path("cells").asInt(), settings.path("frames").asInt());
    }
}
