package vlmscope.organism;

import org.junit.jupiter.api.Test;
import vlmscope.world.SceneObject;
import vlmscope.world.Video;
import vlmscope.world.WorldRandom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The locating tasks: an object's place (cell number, or first frame) is the token right after its kind word. */
class LocatingTest {

    private final OrganismWorld world = new OrganismWorld(64, 4, HeldOutSplit.standard());

    @Test
    void stillScenesNameEachObjectByKindThenItsCellNumberInRandomOrder() {
        int shuffled = 0;
        for (int i = 0; i < 40; i++) {
            Example e = world.locating(WorldRandom.forItem(9, "locate", i));
            assertEquals("locate", e.task());
            assertEquals(OrganismPrompts.chat(OrganismPrompts.LOCATE, 1), e.prompt());
            List<String> expected = new ArrayList<>();
            for (SceneObject o : e.frames().getFirst().objects()) {
                // by hand: 16 px cells on the 64 px canvas, numbered row-major
                int row = (int) Math.min(3, o.centre().y() / 16), col = (int) Math.min(3, o.centre().x() / 16);
                expected.add("the " + o.kind() + " " + (4 * row + col));
            }
            List<String> sentences = Arrays.stream(e.answer().split(" \\. ?")).map(String::trim).toList();
            assertEquals(new HashSet<>(expected), new HashSet<>(sentences), e.answer());
            assertEquals(expected.size(), sentences.size());
            if (!expected.equals(sentences)) shuffled++;
            assertTrue(world.trainable(e.frames().getFirst().objects()), "training side only");
        }
        assertTrue(shuffled > 10, "random order: " + shuffled + "/40 differ from list order");
    }

    @Test
    void videosNameEachObjectByKindThenTheFirstFrameShowingIt() {
        for (int i = 0; i < 30; i++) {
            Example e = world.videoLocating(WorldRandom.forItem(9, "locate_video", i));
            assertEquals(OrganismPrompts.chat(OrganismPrompts.LOCATE_VIDEO, e.frames().size()), e.prompt());
            List<String> expected = new ArrayList<>();
            String previous = null;
            for (int f = 0; f < e.frames().size(); f++) {
                String kind = e.frames().get(f).objects().getFirst().kind();
                if (!kind.equals(previous)) expected.add("the " + kind + " " + f);
                previous = kind;
            }
            List<String> sentences = Arrays.stream(e.answer().split(" \\. ?")).map(String::trim).toList();
            assertEquals(new HashSet<>(expected), new HashSet<>(sentences), e.answer());
        }
    }

    @Test
    void everyCellNumberIsAVocabularyWord() {
        OrganismVocabulary vocab = OrganismWorld.vocabulary(4);
        for (int cell = 0; cell < 16; cell++) assertTrue(vocab.tokens().contains(Integer.toString(cell)), "cell " + cell);
        assertTrue(vocab.tokens().contains("video") && vocab.tokens().contains("row") && vocab.tokens().contains("column"));
    }
}
