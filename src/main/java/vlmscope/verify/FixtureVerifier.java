package vlmscope.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vlmscope.Json;
import vlmscope.VlmscopeException;
import vlmscope.engine.HookedModel;
import vlmscope.engine.LoadedModel;
import vlmscope.engine.PositionEdit;
import vlmscope.engine.RunResult;
import vlmscope.hooks.Site;
import vlmscope.hooks.Sites;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.engine.Inputs;
import vlmscope.model.Precision;
import vlmscope.processing.ClipImageProcessor;
import vlmscope.processing.ImageLoader;
import vlmscope.processing.ModelInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a fixture folder (a checkpoint plus {@code expected/} golden values computed by HF transformers' own code
 * with tools/hf_reference.py, schema in fixtures/README.md) against vlmscope's processing and engine: pixel values,
 * input ids, vision features, every layer's hidden states, final logits and each intervention case.
 */
public final class FixtureVerifier {

    private static final ObjectMapper JSON = Json.MAPPER;

    /** The fixtures committed in the repository, relative to its root (the working directory of the tests). */
    public static final Path REPOSITORY_FIXTURES = Path.of("fixtures");

    /**
     * The fixture roots every parity check reads: the repository's own {@code fixtures/} first, then, as an extra
     * source, {@code $VLMSCOPE_FIXTURES} when set (e.g. a folder of fixtures made from your own checkpoints).
     */
    public static List<Path> defaultRoots() {
        List<Path> roots = new ArrayList<>(List.of(REPOSITORY_FIXTURES));
        String extra = System.getenv("VLMSCOPE_FIXTURES");
        if (extra != null && !extra.isBlank()) roots.add(Path.of(extra));
        return roots;
    }

    /**
     * Architectures this engine verifies. A fixture names its own in expected/index.json {@code architecture}
     * (absent = {@code llava}, the only one before the field existed); fixtures of other architectures are skipped
     * by {@link #discover} and listed by {@link #unsupported}, so fixtures for a family still being built can be
     * committed before the engine supports it.
     */
    public static final Set<String> SUPPORTED_ARCHITECTURES = Set.of("llava", "qwen2_vl", "qwen2_5_vl");

    /**
     * Fixture folders of a supported architecture under each root: a root that is itself a fixture counts, else its
     * direct children.
     */
    public static List<Path> discover(List<Path> roots) {
        return scan(roots).stream().filter(f -> SUPPORTED_ARCHITECTURES.contains(architecture(f))).toList();
    }

    /** Fixture folders of one architecture (e.g. {@code llava}) under the roots. */
    public static List<Path> discover(List<Path> roots, String architecture) {
        return scan(roots).stream().filter(f -> architecture(f).equals(architecture)).toList();
    }

    /** Fixture folders under the roots whose architecture this engine does not verify yet. */
    public static List<Path> unsupported(List<Path> roots) {
        return scan(roots).stream().filter(f -> !SUPPORTED_ARCHITECTURES.contains(architecture(f))).toList();
    }

    /** A fixture's architecture: expected/index.json {@code architecture}, {@code llava} when absent. */
    public static String architecture(Path fixture) {
        return read(fixture.resolve("expected/index.json")).path("architecture").asText("llava");
    }

    private static List<Path> scan(List<Path> roots) {
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (isFixture(root)) {
                found.add(root);
                continue;
            }
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> children = Files.list(root)) {
                children.filter(FixtureVerifier::isFixture).sorted().forEach(found::add);
            } catch (IOException e) {
                throw VlmscopeException.badInput(root, "cannot list folder", "check permissions", e);
            }
        }
        return found;
    }

    public static boolean isFixture(Path dir) {
        return Files.isRegularFile(dir.resolve("expected/index.json")) && Files.isRegularFile(dir.resolve("config.json"));
    }

    /** Verifies every case of one fixture folder; {@code progress} receives each finished case. */
    public List<CaseReport> verify(Path fixture, java.util.function.Consumer<CaseReport> progress) {
        if (!isFixture(fixture)) {
            throw VlmscopeException.badInput(fixture, "not a fixture folder (needs config.json and expected/index.json)",
                    "pass folders like fixtures/llava-tiny-1234");
        }
        if (!SUPPORTED_ARCHITECTURES.contains(architecture(fixture))) {
            throw VlmscopeException.badInput(fixture, "architecture '" + architecture(fixture)
                    + "' (expected/index.json) is not verified by this vlmscope version", "verify a "
                    + SUPPORTED_ARCHITECTURES + " fixture");
        }
        JsonNode index = read(fixture.resolve("expected/index.json"));
        Tolerances tol = Tolerances.from(index.path("tolerances"));
        boolean qwen = !architecture(fixture).equals("llava");
        List<CaseReport> reports = new ArrayList<>();
        try (LoadedModel lm = LoadedModel.open(fixture, Precision.FP32)) {
            for (JsonNode caseName : index.path("cases")) {
                JsonNode expected = read(fixture.resolve("expected/" + caseName.asText() + ".json"));
                CaseReport report = new CaseReport(fixture.getFileName().toString(), caseName.asText(),
                        qwen ? QwenCaseVerifier.verify(fixture, expected, tol, lm) : verifyCase(fixture, expected, tol, lm));
                reports.add(report);
                progress.accept(report);
            }
        }
        return reports;
    }

    private List<GroupResult> verifyCase(Path fixture, JsonNode expected, Tolerances tol, LoadedModel lm) {
        HookedModel hooked = lm.hooked();
        ClipImageProcessor images = lm.imageProcessor();
        List<GroupResult> groups = new ArrayList<>();
        float[] pixels = images.preprocess(ImageLoader.read(fixture.resolve(expected.path("image").asText()))); // [3, S, S]
        groups.add(PixelStats.compare(expected.path("pixel_values"), pixels, images.cropHeight(), images.cropWidth(),
                tol.pixelAbs()));

        int[] goldenIds = ints(expected.path("input_ids"));
        ModelInput prepared = lm.prepare(expected.path("prompt").asText(), 1);
        Comparison ids = new Comparison("input_ids", 0, 0);
        ids.require("input_ids", Arrays.equals(goldenIds, prepared.ids()),
                "tokenised prompt differs from HF (" + prepared.ids().length + " vs " + goldenIds.length + " ids)");
        groups.add(ids.result());

        Inputs inputs = new Inputs(goldenIds, List.of(pixels));
        TraceSpec spec = TraceSpec.residualsAnd(s -> s.equals(Sites.VISION_FEATURES) || s.equals(Sites.PROJECTOR_OUT)
                || s.equals(Sites.FINAL_NORM));
        try (Trace trace = hooked.trace(inputs, spec)) {
            JsonNode vision = expected.path("vision");
            int[] rows = ints(vision.path("rows"));
            groups.add(rowsGroup("vision.selected", vision.path("selected"), trace.rows(Sites.VISION_FEATURES, rows), tol));
            groups.add(rowsGroup("vision.image_features", vision.path("image_features"),
                    trace.rows(Sites.PROJECTOR_OUT, rows), tol));

            JsonNode hidden = expected.path("hidden_states");
            int[] positions = ints(hidden.path("positions"));
            for (Iterator<Map.Entry<String, JsonNode>> it = hidden.path("values").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Site site = hiddenSite(e.getKey());
                groups.add(rowsGroup("hidden." + e.getKey(), e.getValue(), trace.rows(site, positions), tol));
            }
            groups.add(LogitChecks.compare("logits", expected.path("logits_last"), trace.lastLogits(), tol));

            for (JsonNode iv : expected.path("interventions")) {
                groups.addAll(verifyIntervention(fixture, iv, tol, hooked, trace, images, goldenIds));
            }
        }
        return groups;
    }

    private List<GroupResult> verifyIntervention(Path fixture, JsonNode iv, Tolerances tol, HookedModel hooked,
                                                 Trace target, ClipImageProcessor images, int[] ids) {
        List<GroupResult> groups = new ArrayList<>();
        String name = "intervention." + iv.path("name").asText();
        int layer = iv.path("layer").asInt();
        int[] positions = ints(iv.path("positions"));
        Site site = Sites.residPost(layer);
        PositionEdit edit;
        if (iv.path("type").asText().equals("patch")) {
            float[] sourcePixels = images.preprocess(ImageLoader.read(fixture.resolve(iv.path("source").path("image").asText())));
            try (Trace source = hooked.trace(new Inputs(ids, List.of(sourcePixels)), TraceSpec.residuals())) {
                groups.add(LogitChecks.compare(name + ".source_logits", iv.path("source_logits_last"), source.lastLogits(), tol));
                edit = PositionEdit.replace(site, positions, source.rows(site, positions));
            }
        } else if (iv.path("type").asText().equals("add")) {
            edit = PositionEdit.add(site, positions, floats(iv.path("alpha_times_v")));
        } else {
            throw new VlmscopeException(fixture + ": unknown intervention type " + iv.path("type")
                    + ". Fix: use a fixture schema this vlmscope version knows (patch, add)");
        }
        Set<Site> reads = new HashSet<>();
        JsonNode layers = iv.path("hidden_last_position").path("layers");
        layers.fieldNames().forEachRemaining(k -> reads.add(hiddenSite(k)));
        try (RunResult run = hooked.run(target, List.of(edit), reads)) {
            groups.add(LogitChecks.compare(name + ".logits", iv.path("logits_last"), run.lastLogits(), tol));
            Comparison hidden = new Comparison(name + ".hidden_last_position", tol.abs(), tol.rel());
            int last = target.length() - 1;
            for (Iterator<Map.Entry<String, JsonNode>> it = layers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                hidden.addAll(e.getKey(), doubles(e.getValue()), run.rows(hiddenSite(e.getKey()), last)[0]);
            }
            groups.add(hidden.result());
        }
        return groups;
    }

    /** Fixture key → hook site: embeddings → embed, layer_L → blocks.L.resid_post, final_norm → final_norm. */
    static Site hiddenSite(String key) {
        if (key.equals("embeddings")) return Sites.EMBED;
        if (key.equals("final_norm")) return Sites.FINAL_NORM;
        if (key.startsWith("layer_")) return Sites.residPost(Integer.parseInt(key.substring(6)));
        throw new IllegalArgumentException("unknown hidden-state key " + key);
    }

    private static GroupResult rowsGroup(String name, JsonNode expectedRows, float[][] actual, Tolerances tol) {
        Comparison c = new Comparison(name, tol.abs(), tol.rel());
        c.require(name + " rows", expectedRows.size() == actual.length, expectedRows.size() + " vs " + actual.length);
        for (int r = 0; r < Math.min(expectedRows.size(), actual.length); r++) {
            c.addAll(name + "[" + r + "]", doubles(expectedRows.get(r)), actual[r]);
        }
        return c.result();
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot read fixture JSON (" + e.getMessage() + ")",
                    "restore the fixture folder", e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) array.get(i).asDouble();
        return out;
    }
}
