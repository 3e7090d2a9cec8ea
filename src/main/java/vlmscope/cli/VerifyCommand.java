package vlmscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import vlmscope.VlmscopeException;
import vlmscope.verify.CaseReport;
import vlmscope.verify.FixtureVerifier;
import vlmscope.verify.GroupResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vlmscope verify DIR…}: checks HF-verified fixture folders group by group; exit 1 on any FAIL. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check fixture folders (checkpoint + expected/ golden values from HF transformers) against vlmscope.")
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "fixture folders, or folders that contain them")
    List<Path> dirs;

    @Override
    public Integer call() {
        List<Path> fixtures = FixtureVerifier.discover(dirs);
        for (Path skipped : FixtureVerifier.unsupported(dirs)) {
            System.out.printf("%s: skipped, architecture '%s' is not verified by this vlmscope version yet%n", skipped,
                    FixtureVerifier.architecture(skipped));
        }
        if (fixtures.isEmpty()) {
            throw new VlmscopeException(dirs + ": no fixture folder found (a fixture has config.json and expected/index.json). "
                    + "Fix: pass e.g. fixtures/llava-tiny-1234");
        }
        PrintWriter o = spec.commandLine().getOut();
        FixtureVerifier verifier = new FixtureVerifier();
        int failed = 0, total = 0;
        for (Path fixture : fixtures) {
            for (CaseReport report : verifier.verify(fixture, r -> print(o, r))) {
                for (GroupResult g : report.groups()) {
                    total++;
                    if (!g.pass()) failed++;
                }
            }
        }
        o.printf("verify: %d groups: %d PASS, %d FAIL%n", total, total - failed, failed);
        return failed == 0 ? 0 : 1;
    }

    /** Prints one case's groups as a table. */
    private static void print(PrintWriter o, CaseReport report) {
        o.printf("%s / %s%n", report.fixture(), report.caseName());
        for (GroupResult g : report.groups()) {
            o.printf("  %-4s %-48s n=%-6d max_abs=%.3e max_rel=%.3e %s%n", g.pass() ? "PASS" : "FAIL",
                    g.group(), g.compared(), g.maxAbs(), g.maxRel(), g.detail());
        }
        o.flush();
    }
}
