package vlmscope.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vlmscope.world.SceneRendererTest.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Question forms, answer balance of each scene kind, and the temporal mirror of videos. */
class QaAndVideoTest {

    @Test
    void questionsUseThePaperForms() {
        assertEquals("Is the star to the left or right of the cup?", QuestionForms.leftRight("star", "cup"));
        assertEquals("Is the star near or far from the cup?", QuestionForms.nearFar("star", "cup"));
        assertEquals("Is the star in between cup and moon?", QuestionForms.inBetween("star", "cup", "moon"));
        assertEquals("Is the star in front or behind the cup?", QuestionForms.frontBehind("star", "cup"));
        assertEquals("In this video, two objects appear at different times. Does the star come before or after "
                + "the cup?", QuestionForms.beforeAfter("star", "cup"));
        assertEquals("Answer left or right.", QuestionForms.instruction(QaTask.LEFT_RIGHT));
        assertEquals("Answer in one word.", QuestionForms.instruction(QaTask.BEFORE_AFTER));
    }

    @Test
    void eachKindAsksItsQuestionsWithBothAnswers() {
        Map<QaTask, Map<String, Integer>> counts = new HashMap<>();
        for (SceneKind kind : List.of(SceneKind.FREE, SceneKind.DEPTH, SceneKind.NEARFAR, SceneKind.INBETWEEN))
            for (int i = 0; i < 60; i++) {
                var sample = WorldDatasets.render(spec(kind, 21), i).sample();
                if (kind == SceneKind.INBETWEEN) assertEquals(1, sample.qa().size(), "one in-between question");
                for (QaItem q : sample.qa()) {
                    assertTrue(kind.tasks().contains(q.task()));
                    assertTrue(q.choices().contains(q.answer()));
                    counts.computeIfAbsent(q.task(), t -> new HashMap<>()).merge(q.answer(), 1, Integer::sum);
                }
            }
        for (QaTask task : List.of(QaTask.LEFT_RIGHT, QaTask.ABOVE_BELOW, QaTask.NEAR_FAR, QaTask.FRONT_BEHIND,
                QaTask.IN_BETWEEN)) {
            Map<String, Integer> c = counts.get(task);
            int a = c.getOrDefault(task.choices().get(0), 0), b = c.getOrDefault(task.choices().get(1), 0);
            assertTrue(a > 0.3 * (a + b) && b > 0.3 * (a + b), task + " answers unbalanced: " + c);
        }
        assertTrue(counts.get(QaTask.COLOUR).size() >= 5, "colour answers vary");
    }

    @Test
    void videosHaveDistinctSegmentsAndTheirReverseFlipsBeforeAfter() {
        for (int i = 0; i < 30; i++) {
            Video video = new VideoGenerator(64, 4, 8, BackgroundChoice.MIXED).generate(WorldRandom.forItem(1, "v", i));
            int n = video.frames().size();
            assertTrue(n >= 4 && n <= 8);
            assertTrue(video.segments().size() >= 2);
            assertEquals(0, video.segments().getFirst().firstFrame());
            assertEquals(n - 1, video.segments().getLast().lastFrame());
            for (int s = 1; s < video.segments().size(); s++) {
                assertEquals(video.segments().get(s - 1).lastFrame() + 1, video.segments().get(s).firstFrame());
                assertFalse(video.segments().get(s - 1).kind().equals(video.segments().get(s).kind()));
            }
            Video reversed = video.reversed();
            assertEquals(video, reversed.reversed(), "reverse of reverse is identity");
            assertEquals(video.frames().getFirst(), reversed.frames().getLast());
            List<QaItem> forward = QaGenerator.forVideo(video), backward = QaGenerator.forVideo(reversed);
            assertEquals(forward.size(), backward.size());
            for (QaItem q : forward) {
                QaItem r = backward.stream().filter(b -> b.question().equals(q.question())).findFirst().orElseThrow();
                assertEquals(q.answer().equals("before") ? "after" : "before", r.answer(), q.question());
            }
        }
    }
}
