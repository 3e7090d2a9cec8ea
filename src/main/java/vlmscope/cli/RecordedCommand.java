package vlmscope.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/** The command line a results header records: {@code vlmscope} and every argument as typed, subcommands included. */
final class RecordedCommand {

    private RecordedCommand() {
    }

    static List<String> of(CommandSpec spec) {
        List<String> words = new ArrayList<>(List.of("vlmscope"));
        words.addAll(spec.root().commandLine().getParseResult().originalArgs());
        return words;
    }
}
