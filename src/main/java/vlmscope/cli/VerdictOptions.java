package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.engine.LoadedModel;
import vlmscope.experiments.swap.SwapPrompt;
import vlmscope.processing.Verdicts;

/** {@code --verdict}: how a greedy answer is judged correct (diagnose deviation, diagnose blur). */
final class VerdictOptions {

    @Option(names = "--verdict", paramLabel = "first-word|substring",
            description = "how the greedy answer is judged (default: first-word for world-vocabulary models such as the"
                    + " organism, which keep generating after the answer; substring, the paper's rule, otherwise)")
    String verdict;

    /** The chosen verdict rule, or the default for this model's vocabulary. */
    Verdicts.Rule rule(LoadedModel lm) {
        if (verdict != null) return Verdicts.Rule.parse(verdict);
        return SwapPrompt.detect(lm.tokenizer()) == SwapPrompt.Style.WORLD ? Verdicts.Rule.FIRST_WORD : Verdicts.Rule.SUBSTRING;
    }
}
