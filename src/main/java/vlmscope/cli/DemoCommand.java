package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vlmscope.demo.Demo;
import vlmscope.demo.DemoPlan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vlmscope demo}: every experiment of the paper, small, on the model organism, ending in the HTML report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a small but complete version of every experiment on the model organism and write the report.")
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "models/organism", paramLabel = "DIR",
            description = "model to study; trained first when the folder has no model (default: ${DEFAULT-VALUE})")
    Path model;

    @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "DIR", converter = Converters.OutputPath.class, description = "where results go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--tiny", description = "minimal sizes (CI smoke run): 2 samples per experiment; trains a tiny organism if none exists")
    boolean tiny;

    @Option(names = "--seed", defaultValue = "0", description = "seed of every experiment (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        List<String> trainArgs = new ArrayList<>();
        if (tiny) trainArgs.add("--tiny");
        PrintWriter o = spec.commandLine().getOut();
        new Demo(args -> Main.run(o, spec.commandLine().getErr(), args.toArray(String[]::new)), o)
                .run(model, out, tiny ? DemoPlan.Size.TINY : DemoPlan.Size.FULL, seed, trainArgs);
        return 0;
    }
}
