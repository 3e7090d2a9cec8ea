package vlmscope.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.engine.LogProbs;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.hooks.Site;
import vlmscope.model.VisionLanguageModel;
import vlmscope.engine.Inputs;
import vlmscope.processing.ModelInput;
import vlmscope.engine.LoadedModel;
import vlmscope.tensor.SafetensorsWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vlmscope inspect}: the tokenised prompt, the top next tokens, answer-word log-probs, and activation dumps. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Run one (image, prompt) and print tokens with positions, top next tokens and answer log-probs.")
final class InspectCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    PromptOptions promptOptions;

    @Option(names = "--answers", split = ",", paramLabel = "WORDS", description = "answer words to score, e.g. Left,Right")
    List<String> answers = new ArrayList<>();

    @Option(names = "--top", defaultValue = "10", description = "how many next tokens to list (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--dump", paramLabel = "SITES", description = "hook sites to save, comma-separated, globs allowed: 'embed,blocks.*.resid_post'")
    String dump;

    @Option(names = "--out", paramLabel = "FILE.safetensors", description = "where --dump writes ([T, d] float32 per site)")
    Path out;

    @Override
    public Integer call() {
        if (dump != null && out == null) throw new VlmscopeException("--dump needs --out FILE.safetensors. Fix: add --out acts.safetensors");
        try (LoadedModel lm = LoadedModel.open(modelOptions.model, modelOptions.precision())) {
            boolean withImage = promptOptions.image != null;
            String rendered = lm.render(promptOptions.prompt, promptOptions.raw, withImage);
            ModelInput input = lm.prepare(rendered, withImage ? 1 : 0);
            Inputs inputs = lm.inputs(input, withImage ? List.of(promptOptions.image) : List.of());
            VisionLanguageModel model = lm.model();
            System.out.printf("model: %s (%s: %d layers, d=%d, vocab %d, %s)%n", modelOptions.model, model.modelType(),
                    model.numLayers(), model.hiddenSize(), model.vocabSize(), model.precision());
            System.out.printf("prompt: %s%n", rendered.replace("\n", "\\n"));
            printTokens(input);
            SitePattern sites = dump == null ? null : new SitePattern(dump);
            TraceSpec spec = sites == null ? TraceSpec.residuals() : TraceSpec.residualsAnd(sites);
            try (Trace trace = lm.hooked().trace(inputs, spec)) {
                float[] logProbs = LogProbs.of(trace.lastLogits());
                printTop(lm, logProbs, input.length() - 1);
                printAnswers(lm, logProbs);
                if (sites != null) dump(trace, sites);
            }
        }
        return 0;
    }

    private void printTokens(ModelInput input) {
        System.out.printf("tokens (%d):%n", input.length());
        String[] tokens = input.tokens();
        int i = 0;
        while (i < tokens.length) {
            int j = i;
            while (j + 1 < tokens.length && tokens[j + 1].equals(tokens[i]) && tokens[i].equals("<image>")) j++;
            if (j > i) System.out.printf("  %4d..%-4d %s x%d%n", i, j, tokens[i], j - i + 1);
            else System.out.printf("  %4d  %s%n", i, tokens[i]);
            i = j + 1;
        }
    }

    private void printTop(LoadedModel lm, float[] logProbs, int position) {
        Integer[] order = new Integer[logProbs.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Float.compare(logProbs[b], logProbs[a]));
        System.out.printf("top %d next tokens (position %d, log-softmax over the full vocabulary):%n", top, position);
        for (int r = 0; r < Math.min(top, order.length); r++) {
            int id = order[r];
            System.out.printf("  %2d  %-16s id=%-6d logp=%.4f%n", r + 1, piece(lm, id), id, logProbs[id]);
        }
    }

    private void printAnswers(LoadedModel lm, float[] logProbs) {
        if (answers.isEmpty()) return;
        System.out.println("answers (log-prob of each vocabulary piece that spells the word):");
        for (String word : answers) {
            StringBuilder line = new StringBuilder("  " + word + ":");
            for (String piece : new String[]{"▁" + word, word}) {
                var id = lm.tokenizer().tokenToId(piece);
                if (id.isPresent() && id.get() < logProbs.length) {
                    line.append(String.format("  %s (id %d) %.4f", piece, id.get(), logProbs[id.get()]));
                }
            }
            List<String> pieces = lm.tokenizer().tokenize(" " + word);
            line.append("  | tokenize(\" ").append(word).append("\") = ").append(pieces);
            System.out.println(line);
        }
    }

    private static String piece(LoadedModel lm, int id) {
        try {
            return lm.tokenizer().idToToken(id);
        } catch (RuntimeException e) {
            return "<id " + id + ">";
        }
    }

    private void dump(Trace trace, SitePattern sites) {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("model", modelOptions.model.toString())
                .metadata("prompt", promptOptions.prompt).metadata("format", "vlmscope inspect --dump");
        int n = 0;
        for (Site site : trace.sites()) {
            if (!sites.test(site)) continue;
            NDArray value = trace.get(site);
            try (NDArray f = value.getDataType() == DataType.FLOAT32 ? value.duplicate() : value.toType(DataType.FLOAT32, false)) {
                writer.add(site.toString(), f);
            }
            n++;
        }
        if (n == 0) throw new VlmscopeException("--dump '" + dump + "' matched no hook site. Fix: use names like embed, "
                + "blocks.3.resid_post, blocks.*.attn_out, vision.features, projector.out, final_norm");
        writer.write(out);
        System.out.printf("wrote %d sites to %s%n", n, out);
    }
}
