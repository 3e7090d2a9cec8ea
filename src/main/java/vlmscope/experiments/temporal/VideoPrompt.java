package vlmscope.experiments.temporal;

import vlmscope.VlmscopeException;
import vlmscope.processing.ModelInput;
import vlmscope.engine.LoadedModel;
import vlmscope.world.Scene;
import vlmscope.world.SceneRenderer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A frame-sequence prompt: the model's own one-image prompt for the text (its chat template, or the paper's raw
 * {@code "<image>\n" + text}) with the image marker repeated once per frame — {@code "USER: <image>\n<image>\n…"
 * + question + " ASSISTANT:"} for LLaVA-1.5 and the organism (Qwen: its vision block once per frame). Each frame then becomes one image span of
 * {@link ModelInput#imageSpans()}, in frame order.
 */
public final class VideoPrompt {

    private VideoPrompt() {
    }

    /** The rendered prompt for {@code text} about {@code frames} frames. */
    public static String render(LoadedModel lm, String text, int frames, boolean raw) {
        if (frames < 1) throw new VlmscopeException("a video needs at least one frame. Fix: use --frames 2 or more");
        String one = lm.render(text, raw, true);
        String marker = lm.imageMarker();
        int at = one.indexOf(marker);
        if (at < 0 || one.indexOf(marker, at + 1) >= 0) {
            throw new VlmscopeException("the prompt format of " + lm.directory() + " does not place exactly one " + marker
                    + " marker: " + one + ". Fix: use --format raw");
        }
        boolean newline = one.startsWith(marker + "\n", at);
        String unit = newline ? marker + "\n" : marker;
        return one.substring(0, at) + unit.repeat(frames) + one.substring(at + unit.length());
    }

    /** The prompt tokenised with every frame's image tokens expanded. */
    public static ModelInput prepare(LoadedModel lm, String text, int frames, boolean raw) {
        return lm.prepare(render(lm, text, frames, raw), frames);
    }

    /** Preprocessed pixels of each frame, in order ([3, S, S] each); a scene repeated over frames is rendered once. */
    public static List<float[]> pixels(LoadedModel lm, List<Scene> frames) {
        Map<Scene, float[]> done = new HashMap<>();
        List<float[]> out = new ArrayList<>();
        for (Scene s : frames) out.add(done.computeIfAbsent(s, f -> lm.pixels(SceneRenderer.render(f))));
        return out;
    }
}
