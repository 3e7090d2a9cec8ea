package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vlmscope.engine.Generation;
import vlmscope.engine.LoadedModel;
import vlmscope.engine.PreparedPrompt;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code vlmscope generate}: greedy decoding with the KV cache. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Greedily generate an answer for (image, prompt).")
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PromptOptions promptOptions;

    @Option(names = "--max-new-tokens", defaultValue = "32", description = "upper bound on generated tokens (default: ${DEFAULT-VALUE})")
    int maxNew;

    @Override
    public Integer call() {
        try (LoadedModel lm = modelOptions.open()) {
            PreparedPrompt prepared = lm.prompt(promptOptions.image, promptOptions.prompt, promptOptions.raw);
            PromptLength.warnIfTooLong(prepared.input().length(), modelOptions.model, spec.commandLine().getErr());
            var inputs = prepared.inputs();
            int eos = lm.tokenizer().eosId();
            Generation g = lm.hooked().generate(inputs, List.of(), maxNew, eos >= 0 ? Set.of(eos) : Set.of());
            spec.commandLine().getOut().println(lm.tokenizer().decode(g.tokens(), true));
        }
        return 0;
    }
}
