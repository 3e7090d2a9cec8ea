package vlmscope.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's experiments: a small but complete version of every figure (Figs 2, 4–10 and the appendix ones) on one
 * model, sized by {@link Size}. Later steps read earlier steps' outputs (the spatial and temporal ID files).
 */
public final class DemoPlan {

    /** How much work each experiment does. */
    public enum Size {
        FULL(48, 64, 24, "dog,cat;star,moon;heart,cup", "224"),
        TINY(2, 4, 2, "dog,cat", "224");

        final int samples;
        final int steerSamples;
        final int videos;
        final String pairs;
        final String sizes;

        Size(int samples, int steerSamples, int videos, String pairs, String sizes) {
            this.samples = samples;
            this.steerSamples = steerSamples;
            this.videos = videos;
            this.pairs = pairs;
            this.sizes = sizes;
        }
    }

    private DemoPlan() {
    }

    /**
     * @param canvas the model's image side: world scenes are rendered at it, and the paper's blur radius (20 px on
     *               LLaVA's 336 px input) is scaled to it
     * @param layers the model's decoder depth: diagnosis steers the middle third (the "modality merging" layers)
     *
     * <p>When the model is an organism (its folder has training.json), the plan starts by writing the untrained
     * organism of the same architecture (one vision step from initial weights) as Fig 5's baseline model.
     */
    public static List<DemoStep> steps(Path model, Path runs, Size size, long seed, int canvas, int layers) {
        String m = model.toString();
        String n = String.valueOf(size.samples);
        String s = String.valueOf(seed);
        String side = String.valueOf(canvas);
        String middle = (layers / 3) + "-" + Math.max(layers / 3, (2 * layers) / 3 - 1);
        String centre = String.valueOf(layers / 2);
        String blur = String.valueOf(Math.max(1, Math.round(canvas * 20 / 336.0)));
        Path ids = runs.resolve("fig5-spatial-ids");
        Path temporalIds = runs.resolve("fig10b-temporal-ids");
        List<DemoStep> steps = new ArrayList<>();
        Path untrained = runs.resolve("untrained-organism");
        boolean organism = Files.exists(model.resolve("training.json"));
        if (organism) {
            List<String> train = new ArrayList<>(List.of("organism", "train", "--out", untrained.toString(), "--steps", "1",
                    "--stage", "vision", "--seed", s));
            if (canvas == TINY_CANVAS) train.add("--tiny");
            steps.add(new DemoStep("Fig 5 baseline — the untrained organism (initial weights)", untrained, train,
                    "model.safetensors"));
        }
        steps.add(step("Fig 4A — mirror swapping", runs.resolve("fig4a-mirror-swap"),
                "swap", "mirror", "--model", m, "--n", n, "--seed", s));
        steps.add(step("Fig 4B — attribute swapping (rainbow recolour)", runs.resolve("fig4b-attribute-swap"),
                "swap", "attribute", "--model", m, "--n", n, "--seed", s));
        steps.add(step("Fig A6 — colour swapping (binding)", runs.resolve("figA6-colour-swap"),
                "swap", "colour", "--model", m, "--n", n, "--seed", s, "--colour-words"));
        steps.add(step("Fig 5 — spatial IDs, universal IDs and axes", ids,
                idsArgs(m, size, s, organism ? untrained : null)));
        steps.add(step("Fig 2 / A16 / A9 — adversarial steering vs noise", runs.resolve("fig2-adversarial-steering"),
                "steer", "adversarial", "--model", m, "--ids", ids.resolve("ids.safetensors").toString(),
                "--n", String.valueOf(size.steerSamples), "--seed", s, "--conditions", "id,noise,cross,oracle,toward",
                "--alphas", "0.25,0.5,1,2", "--canvas", side, "--direction", "belief"));
        steps.add(step("Fig 9 — accuracy vs steerability", runs.resolve("fig9-accuracy-vs-steerability"),
                "steer", "summary", runs.resolve("fig2-adversarial-steering").toString()));
        for (String mode : List.of("single", "batch-lr", "near-far", "in-between")) {
            steps.add(step("Fig 6 — arbitrary steering (" + mode + ")", runs.resolve("fig6-" + mode),
                    "steer", "arbitrary", "--mode", mode, "--model", m, "--ids", ids.resolve("ids.safetensors").toString(),
                    "--n", n, "--seed", s, "--canvas", side));
        }
        steps.add(step("Fig 7 — depth diagnosis", runs.resolve("fig7-depth"),
                "diagnose", "depth", "--model", m, "--ids", ids.resolve("ids.safetensors").toString(), "--n", n, "--seed", s,
                "--layers", middle, "--scenes", "both"));
        steps.add(step("Fig 8A — ID deviation margins", runs.resolve("fig8a-id-deviation"),
                "diagnose", "deviation", "--model", m, "--ids", ids.resolve("ids.safetensors").toString(), "--n", n, "--seed", s,
                "--layers", centre));
        steps.add(step("Fig 8B — bbox-blur sensitivity", runs.resolve("fig8b-blur"),
                "diagnose", "blur", "--model", m, "--n", n, "--seed", s, "--radius", blur));
        String videos = String.valueOf(size.videos);
        steps.add(step("Fig 10A — temporal mirror swapping", runs.resolve("fig10a-temporal-swap"),
                "temporal", "swap", "--model", m, "--n", videos, "--seed", s));
        steps.add(step("Fig 10B — temporal IDs", temporalIds,
                "temporal", "ids", "--model", m, "--seed", s));
        steps.add(step("Fig 10C — temporal steering", runs.resolve("fig10c-temporal-steering"),
                "temporal", "steer", "--model", m, "--ids", temporalIds.toString(), "--n", videos, "--seed", s,
                "--noise", "--alphas", "0.25,0.5,1,2"));
        steps.add(step("Fig A17 — spatiotemporal ID grid", runs.resolve("figA17-spatiotemporal-grid"),
                "temporal", "grid", "--model", m, "--seed", s));
        return steps;
    }

    /** The canvas of {@code organism train --tiny}. */
    private static final int TINY_CANVAS = 32;

    private static String[] idsArgs(String model, Size size, String seed, Path baseline) {
        List<String> a = new ArrayList<>(List.of("ids", "extract", "--model", model, "--pairs", size.pairs, "--cells", "4",
                "--sizes", size.sizes, "--seed", seed));
        if (baseline != null) a.addAll(List.of("--baseline-model", baseline.toString()));
        return a.toArray(String[]::new);
    }

    private static DemoStep step(String title, Path out, String... args) {
        List<String> list = new ArrayList<>(List.of(args));
        list.add("--out");
        list.add(out.toString());
        return new DemoStep(title, out, list);
    }
}
