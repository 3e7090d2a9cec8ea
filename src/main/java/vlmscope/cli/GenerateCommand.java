package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vlmscope.engine.Generation;
import vlmscope.processing.ModelInput;
import vlmscope.engine.LoadedModel;

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
            boolean withImage = promptOptions.image != null;
            ModelInput input = lm.prepare(lm.render(promptOptions.prompt, promptOptions.raw, withImage), withImage ? 1 : 0);
            PromptLength.warnIfTooLong(input.length(), modelOptions.model, spec.commandLine().getErr());
            var inputs = lm.inputs(input, withImage ? List.of(promptOptions.image) : List.of());
            int eos = lm.tokenizer().eosId();
            Generation g = lm.hooked().generate(inputs, List.of(), maxNew, eos >= 0 ? Set.of(eos) : Set.of());
            spec.commandLine().getOut().println(lm.tokenizer().decode(g.tokens(), true));
        }
        return 0;
    }
}
