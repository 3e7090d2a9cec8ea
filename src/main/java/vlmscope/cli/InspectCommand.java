package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.hooks.SitePattern;
import vlmscope.processing.AnswerReadout;
import vlmscope.processing.AnswerTokens;
import vlmscope.processing.ModelInput;
import vlmscope.processing.TopTokens;
import vlmscope.engine.LogProbs;
import vlmscope.engine.Trace;
import vlmscope.engine.TraceSpec;
import vlmscope.hooks.Site;
import vlmscope.model.VisionLanguageModel;
import vlmscope.engine.Inputs;
import vlmscope.engine.LoadedModel;
import vlmscope.engine.PreparedPrompt;
import vlmscope.tensor.SafetensorsWriter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vlmscope inspect}: the tokenised prompt, the top next tokens, answer-word log-probs, and activation dumps. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Run one (image, prompt) and print tokens with positions, top next tokens and answer log-probs.")
final class InspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    PromptOptions promptOptions;

    @Option(names = "--answers", split = ",", paramLabel = "WORDS", description = "answer words to score, e.g. Left,Right")
    List<String> answers = new ArrayList<>();

    @Option(names = "--top", defaultValue = "10", converter = Converters.Count.class, description = "how many next tokens to list (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--dump", paramLabel = "SITES", description = "hook sites to save, comma-separated, globs allowed: 'embed,blocks.*.resid_post'")
    String dump;

    @Option(names = "--out", paramLabel = "FILE.safetensors", converter = Converters.OutputPath.class, description = "where --dump writes ([T, d] float32 per site)")
    Path out;

    @Override
    public Integer call() {
        if (dump != null && out == null) throw new VlmscopeException("--dump needs --out FILE.safetensors. Fix: add --out acts.safetensors");
        SitePattern sites = dump == null ? null : new SitePattern(dump);
        if (sites != null) Trace.requireFileTarget(out);
        PrintWriter o = spec.commandLine().getOut();
        try (LoadedModel lm = modelOptions.open()) {
            PreparedPrompt prepared = lm.prompt(promptOptions.image, promptOptions.prompt, promptOptions.raw);
            ModelInput input = prepared.input();
            String rendered = input.prompt();
            PromptLength.warnIfTooLong(input.length(), modelOptions.model, spec.commandLine().getErr());
            Inputs inputs = prepared.inputs();
            VisionLanguageModel model = lm.model();
            o.printf("model: %s (%s: %d layers, d=%d, vocab %d, %s)%n", modelOptions.model, model.modelType(),
                    model.numLayers(), model.hiddenSize(), model.vocabSize(), model.precision());
            o.printf("prompt: %s%n", rendered.replace("\n", "\\n"));
            printTokens(o, input);
            TraceSpec traceSpec = sites == null ? TraceSpec.residuals() : TraceSpec.residualsAnd(sites);
            try (Trace trace = lm.hooked().trace(inputs, traceSpec)) {
                float[] logProbs = LogProbs.of(trace.lastLogits()); // [V]
                printTop(o, lm, logProbs, input.length() - 1);
                printAnswers(o, lm, logProbs);
                if (sites != null) {
                    int n = trace.save(out, sites, Map.of("model", modelOptions.model.toString(),
                            "prompt", promptOptions.prompt, "format", "vlmscope inspect --dump"));
                    o.printf("wrote %d sites to %s%n", n, out);
                }
            }
        }
        return 0;
    }

    /** Image placeholder tokens whose runs print as one line (LLaVA's, Qwen's). */
    private static final Set<String> IMAGE_TOKENS = Set.of("<image>", "<|image_pad|>");

    private static void printTokens(PrintWriter o, ModelInput input) {
        o.printf("tokens (%d):%n", input.length());
        String[] tokens = input.tokens();
        int i = 0;
        while (i < tokens.length) {
            int j = i;
            while (j + 1 < tokens.length && tokens[j + 1].equals(tokens[i]) && IMAGE_TOKENS.contains(tokens[i])) j++;
            if (j > i) o.printf("  %4d..%-4d %s x%d%n", i, j, tokens[i], j - i + 1);
            else o.printf("  %4d  %s%n", i, tokens[i]);
            i = j + 1;
        }
    }

    private void printTop(PrintWriter o, LoadedModel lm, float[] logProbs, int position) {
        o.printf("top %d next tokens (position %d, log-softmax over the full vocabulary):%n", top, position);
        int[] ids = TopTokens.of(logProbs, top);
        for (int r = 0; r < ids.length; r++) {
            o.printf("  %2d  %-16s id=%-6d logp=%.4f%n", r + 1, piece(lm, ids[r]), ids[r], logProbs[ids[r]]);
        }
    }

    private void printAnswers(PrintWriter o, LoadedModel lm, float[] logProbs) {
        if (answers.isEmpty()) return;
        o.println("answers (log-prob of each vocabulary piece that spells the word):");
        for (String word : answers) {
            StringBuilder line = new StringBuilder("  " + word + ":");
            AnswerTokens read = new AnswerReadout.SpacedAndBare().resolve(lm.tokenizer(), word);
            for (int k = 0; k < read.ids().length; k++) {
                int id = read.ids()[k];
                if (id < logProbs.length) line.append(String.format("  %s (id %d) %.4f", read.pieces().get(k), id, logProbs[id]));
            }
            List<String> pieces = lm.tokenizer().tokenize(" " + word);
            line.append("  | tokenize(\" ").append(word).append("\") = ").append(pieces);
            o.println(line);
        }
    }

    private static String piece(LoadedModel lm, int id) {
        try {
            return lm.tokenizer().idToToken(id);
        } catch (RuntimeException e) {
            return "<id " + id + ">";
        }
    }

}
