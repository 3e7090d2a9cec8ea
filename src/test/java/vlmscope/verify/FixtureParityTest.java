package vlmscope.verify;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HF parity, data-driven: every fixture folder under the default roots (the repository's fixtures/, then the extra
 * source $VLMSCOPE_FIXTURES when set), every case,
 * every group (pixel values, input ids, vision features, each layer's hidden states, logits, each intervention)
 * within the folder's own tolerances. A new fixture folder needs no code change.
 */
class FixtureParityTest {

    static List<Path> fixtureFolders() {
        List<Path> roots = FixtureVerifier.defaultRoots();
        List<Path> found = FixtureVerifier.discover(roots);
        assertFalse(found.isEmpty(), "no fixture folders under " + roots);
        return found;
    }

    @TestFactory
    List<DynamicNode> everyFixtureMatchesHuggingFace() {
        List<DynamicNode> fixtures = new ArrayList<>();
        FixtureVerifier verifier = new FixtureVerifier();
        for (Path folder : fixtureFolders()) {
            List<DynamicNode> cases = new ArrayList<>();
            for (CaseReport report : verifier.verify(folder, r -> { })) {
                List<DynamicNode> groups = new ArrayList<>();
                for (GroupResult g : report.groups()) {
                    groups.add(DynamicTest.dynamicTest(g.group(), () -> assertTrue(g.pass(),
                            g.group() + ": max_abs=" + g.maxAbs() + " max_rel=" + g.maxRel() + " " + g.detail())));
                }
                cases.add(DynamicContainer.dynamicContainer(report.caseName(), groups));
            }
            fixtures.add(DynamicContainer.dynamicContainer(folder.getFileName().toString(), cases));
        }
        return fixtures;
    }
}
