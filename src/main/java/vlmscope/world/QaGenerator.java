package vlmscope.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Questions and answers derived from a scene's annotation by {@link SpatialRelations}; deterministic (no
 * randomness: every ordered pair of objects with distinct kinds is asked, in list order, whenever its
 * relation is clear, so both answers of a pair appear and the answers are balanced). In-between asks only
 * about the first-listed object, as the paper asks one question per image about its subject.
 */
public final class QaGenerator {

    private QaGenerator() {
    }

    public static List<QaItem> forScene(Scene scene, Set<QaTask> tasks) {
        List<SceneObject> objects = scene.objects();
        List<QaItem> items = new ArrayList<>();
        for (SceneObject a : objects) {
            if (tasks.contains(QaTask.COLOUR) && !scene.recoloured() && unique(objects, a.kind()))
                items.add(item(QaTask.COLOUR, QuestionForms.colour(a.kind()), a.colour(), a.kind()));
            for (SceneObject b : objects) {
                if (a == b || a.kind().equals(b.kind()) || !unique(objects, a.kind()) || !unique(objects, b.kind()))
                    continue;
                if (tasks.contains(QaTask.LEFT_RIGHT))
                    add(items, QaTask.LEFT_RIGHT, QuestionForms.leftRight(a.kind(), b.kind()),
                            SpatialRelations.leftRight(a, b), a, b);
                if (tasks.contains(QaTask.ABOVE_BELOW))
                    add(items, QaTask.ABOVE_BELOW, QuestionForms.aboveBelow(a.kind(), b.kind()),
                            SpatialRelations.aboveBelow(a, b), a, b);
                if (tasks.contains(QaTask.NEAR_FAR))
                    add(items, QaTask.NEAR_FAR, QuestionForms.nearFar(a.kind(), b.kind()),
                            SpatialRelations.nearFar(a, b, scene.width()), a, b);
                if (tasks.contains(QaTask.FRONT_BEHIND))
                    add(items, QaTask.FRONT_BEHIND, QuestionForms.frontBehind(a.kind(), b.kind()),
                            SpatialRelations.frontBehind(a, b), a, b);
            }
        }
        if (tasks.contains(QaTask.IN_BETWEEN)) addInBetween(items, objects);
        return items;
    }

    /** Before/after questions for every ordered pair of segments with distinct kinds. */
    public static List<QaItem> forVideo(Video video) {
        List<QaItem> items = new ArrayList<>();
        for (VideoSegment a : video.segments())
            for (VideoSegment b : video.segments()) {
                if (a == b || a.kind().equals(b.kind())) continue;
                String answer = a.firstFrame() < b.firstFrame() ? "before" : "after";
                items.add(item(QaTask.BEFORE_AFTER, QuestionForms.beforeAfter(a.kind(), b.kind()), answer,
                        a.kind(), b.kind()));
            }
        return items;
    }

    /** In-between is asked about the first-listed object (the subject) and each pair of the others. */
    private static void addInBetween(List<QaItem> items, List<SceneObject> objects) {
        if (objects.size() < 3) return;
        SceneObject subject = objects.getFirst();
        for (int i = 1; i < objects.size(); i++)
            for (int j = i + 1; j < objects.size(); j++) {
                SceneObject first = objects.get(i), second = objects.get(j);
                SpatialRelations.inBetween(subject, first, second).ifPresent(word -> items.add(item(
                        QaTask.IN_BETWEEN, QuestionForms.inBetween(subject.kind(), first.kind(), second.kind()),
                        word, subject.kind(), first.kind(), second.kind())));
            }
    }

    private static void add(List<QaItem> items, QaTask task, String question, Optional<String> answer,
                            SceneObject a, SceneObject b) {
        answer.ifPresent(word -> items.add(item(task, question, word, a.kind(), b.kind())));
    }

    private static QaItem item(QaTask task, String question, String answer, String... words) {
        return new QaItem(task, question, QuestionForms.instruction(task), answer, task.choices(), List.of(words));
    }

    private static boolean unique(List<SceneObject> objects, String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind)).count() == 1;
    }
}
