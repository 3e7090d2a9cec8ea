package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentNames;
import vlmscope.processing.Verdicts;
import vlmscope.processing.AnswerReadout;
import vlmscope.processing.AnswerTokens;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.Progress;
import vlmscope.engine.Generation;
import vlmscope.engine.RunResult;
import vlmscope.engine.Inputs;
import vlmscope.processing.ModelInput;
import vlmscope.results.ResultStore;
import vlmscope.results.RunHeader;
import vlmscope.engine.LoadedModel;
import vlmscope.world.Box;
import vlmscope.world.Transforms;
import vlmscope.world.WorldRandom;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Bounding-box blur sensitivity (docs/paper-mapping.md#blur, Fig 8B): is the answer more sensitive to blurring the subject's
 * box than to blurring equally sized random regions that avoid both objects? Per sample the log-prob of the correct
 * answer word is read on the original, the subject-blurred image, and {@code boxes} random-box blurs (Pillow's
 * GaussianBlur on the crop only). Sensitivity = min over all random blurs − subject blur (positive: blurring the
 * subject hurts more). Samples are split by the verdict of a greedy answer on the original image — the same prompt
 * and greedy rule as the ID-deviation run, so the same verdicts.
 *
 * <p>One record per sample, key = sample id. A sample whose random boxes cannot avoid both objects is recorded as
 * skipped with the reason (under {@code --paper-compat} the paper's (0, 0) box is used instead).
 */
public final class BlurSensitivity {

    public static final String EXPERIMENT = ExperimentNames.BLUR_SENSITIVITY;

    private BlurSensitivity() {
    }

    public static ObjectNode run(LoadedModel lm, BlurOptions o, ExperimentOutput out, boolean fresh,
                                 List<String> commandLine) {
        List<TwoObjectSample> samples = new ArrayList<>();
        for (int i = 0; i < o.n(); i++) samples.add(WorldDiagnosisData.twoObject(i, o.seed(), o.canvas(), o.backgrounds()));
        return run(lm, samples, o, out, fresh, commandLine);
    }

    public static ObjectNode run(LoadedModel lm, List<TwoObjectSample> samples, BlurOptions o, ExperimentOutput out,
                                 boolean fresh, List<String> commandLine) {
        ObjectNode settings = ExperimentOutput.object();
        settings.put("seed", o.seed());
        settings.put("canvas", o.canvas());
        settings.put("backgrounds", o.backgrounds().name());
        settings.put("radius", o.radius());
        settings.put("boxes", o.boxes());
        settings.put("maxNewTokens", o.maxNewTokens());
        settings.put("paperCompat", o.paperCompat());
        settings.put("verdictRule", o.verdictRule().cliName());
        ObjectNode header = new RunHeader(EXPERIMENT, lm.directory().toString(), lm.model().precision().name(), settings, commandLine).json();
        try (ResultStore store = out.open(header, fresh)) {
            Progress progress = new Progress("blur", samples.size());
            for (TwoObjectSample sample : samples) {
                if (progress.stored(store, sample.id())) continue;
                store.append(sample.id(), measure(lm, o, sample));
                progress.step(sample.id());
            }
            progress.finish();
            ObjectNode summary = BlurSummary.of(store.records());
            out.writeSummary(summary);
            return summary;
        }
    }

    private static ObjectNode measure(LoadedModel lm, BlurOptions o, TwoObjectSample sample) {
        ObjectNode rec = ExperimentOutput.object();
        rec.put("sample", sample.id());
        rec.put("relation", sample.correct());
        rec.put("subject", sample.subject());
        rec.put("object", sample.reference());
        putBox(rec.putArray("subjectBox"), sample.subjectBox());
        putBox(rec.putArray("objectBox"), sample.objectBox());
        List<Box> boxes = Transforms.randomAvoidingBoxes(sample.width(), sample.height(), sample.subjectBox(),
                sample.objectBox(), o.boxes(), WorldRandom.forItem(o.seed(), "diagnosis/blur-boxes/" + sample.id(), 0));
        boolean overlaps = boxes.stream().anyMatch(b -> b.intersects(sample.subjectBox()) || b.intersects(sample.objectBox()));
        if (overlaps && !o.paperCompat()) {
            rec.put("skipped", "no " + sample.subjectBox().width() + "x" + sample.subjectBox().height()
                    + " box avoids both objects in " + Transforms.BOX_TRIES + " tries");
            System.err.println("blur: skipping " + sample.id() + ": " + rec.get("skipped").asText());
            return rec;
        }
        ArrayNode boxNodes = rec.putArray("randomBoxes");
        for (Box b : boxes) putBox(boxNodes.addArray(), b);

        ModelInput input = lm.prepare(lm.render(sample.question().prompt(), false, true), 1);
        BufferedImage original = sample.image().get();
        AnswerTokens correct = answer(lm, sample.correct(), o), wrong = answer(lm, sample.wrong(), o);
        Generation g = lm.hooked().generate(inputs(lm, input, original), List.of(), o.maxNewTokens(), Set.of(lm.tokenizer().eosId()));
        String answerText = lm.tokenizer().decode(g.tokens(), true);
        Boolean verdict = o.verdictRule().isCorrect(answerText, sample.correct(), sample.wrong());
        rec.put("answer", answerText);
        if (verdict == null) rec.putNull("verdict");
        else rec.put("verdict", verdict);

        List<BufferedImage> images = new ArrayList<>();
        images.add(original);
        images.add(Transforms.blurBox(original, sample.subjectBox(), o.radius()));
        for (Box b : boxes) images.add(Transforms.blurBox(original, b, o.radius()));
        ArrayNode cc = rec.putArray("correctLogProbs"), ww = rec.putArray("wrongLogProbs");
        List<Double> correctLp = new ArrayList<>();
        for (BufferedImage image : images) {
            try (RunResult r = lm.hooked().run(inputs(lm, input, image), List.of(), Set.of())) {
                float[] lp = r.lastLogProbs();
                correctLp.add(correct.logProb(lp));
                cc.add(correct.logProb(lp));
                ww.add(wrong.logProb(lp));
            }
        }
        Double s = sensitivity(correctLp, o.paperCompat());
        if (s == null) rec.putNull("sensitivity");
        else rec.put("sensitivity", s);
        return rec;
    }

    /**
     * min over the random blurs (list entries 2…) − subject blur (entry 1); the paper's {@code min(cc[3:7]) − cc[1]}
     * under {@code paper}, null where that slice is empty (the paper swallowed the error).
     */
    static Double sensitivity(List<Double> cc, boolean paper) {
        List<Double> random = paper ? cc.subList(Math.min(3, cc.size()), Math.min(7, cc.size())) : cc.subList(2, cc.size());
        if (random.isEmpty()) return null;
        return random.stream().mapToDouble(Double::doubleValue).min().orElseThrow() - cc.get(1);
    }

    private static Inputs inputs(LoadedModel lm, ModelInput input, BufferedImage image) {
        return new Inputs(input.ids(), List.of(lm.pixels(image)));
    }

    private static AnswerTokens answer(LoadedModel lm, String word, BlurOptions o) {
        return (o.paperCompat() ? new AnswerReadout.FirstPiece() : new AnswerReadout.EverySpelling()).resolve(lm.tokenizer(), word);
    }

    private static void putBox(ArrayNode a, Box b) {
        a.add(b.x()).add(b.y()).add(b.width()).add(b.height());
    }
}
