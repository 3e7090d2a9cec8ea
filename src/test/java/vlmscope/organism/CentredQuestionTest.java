package vlmscope.organism;

import org.junit.jupiter.api.Test;
import vlmscope.world.Scene;
import vlmscope.world.SceneObject;
import vlmscope.world.SpatialRelations;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The centred-reference two-object questions: reference near the midline, answer the world's relation. */
class CentredQuestionTest {

    private final OrganismWorld world = new OrganismWorld(64, 4, HeldOutSplit.standard());

    @Test
    void leftRightReferenceIsNearTheVerticalMidline() {
        check(true, "left_right_centred", List.of("left", "right"));
    }

    @Test
    void aboveBelowReferenceIsNearTheHorizontalMidline() {
        check(false, "above_below_centred", List.of("above", "below"));
    }

    @Test
    void decoyLiesInTheOtherHalfFromTheSubject() {
        check(true, "left_right_centred_decoy", List.of("left", "right"));
        check(false, "above_below_centred_decoy", List.of("above", "below"));
    }

    private void check(boolean horizontal, String key, List<String> answers) {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 300, sameAsHalf = 0, first = 0;
        for (int i = 0; i < n; i++) {
            Example e = world.training(key, rng);
            assertEquals(key, e.task());
            Scene scene = e.frames().getFirst();
            assertTrue(world.trainable(scene.objects()));
            List<SceneObject> named = scene.objects().stream().filter(o -> e.prompt().contains(" the " + o.kind() + " ")
                    || e.prompt().contains(" the " + o.kind() + "?"))
                    .sorted(Comparator.comparingInt(o -> e.prompt().indexOf(" the " + o.kind()))).toList();
            assertEquals(2, named.size(), e.prompt());
            SceneObject subject = named.get(0), reference = named.get(1);
            double refOffset = (horizontal ? reference.centre().x() : reference.centre().y()) - 32;
            assertTrue(Math.abs(refOffset) <= 8.0, "reference offset " + refOffset + " in " + e.prompt());
            String expected = (horizontal ? SpatialRelations.leftRight(subject, reference)
                    : SpatialRelations.aboveBelow(subject, reference)).orElseThrow();
            assertEquals(expected, e.answer());
            double subjectOffset = (horizontal ? subject.centre().x() : subject.centre().y()) - 32;
            if (e.answer().equals(answers.get(subjectOffset < 0 ? 0 : 1))) sameAsHalf++;
            if (key.endsWith("_decoy")) {
                assertTrue(scene.objects().stream().filter(o -> o != subject && o != reference).anyMatch(o ->
                        Math.signum((horizontal ? o.centre().x() : o.centre().y()) - 32) == -Math.signum(subjectOffset)),
                        "no decoy across from the subject in " + e.prompt());
            }
            if (e.answer().equals(answers.getFirst())) first++;
        }
        assertTrue(sameAsHalf >= 0.9 * n, "answer = subject's half in " + sameAsHalf + " of " + n);
        assertTrue(first > 0.35 * n && first < 0.65 * n, "balance " + first + " of " + n);
    }
}
