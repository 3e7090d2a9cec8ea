package vlmscope.experiments.diagnosis;

import vlmscope.data.CocoImages;
import vlmscope.data.CocoInstances;
import vlmscope.data.WhatsUpRow;
import vlmscope.world.Box;
import vlmscope.world.QaItem;
import vlmscope.world.QaTask;
import vlmscope.world.QuestionForms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Two-object samples from What'sUp COCO-spatial rows with boxes from the COCO instances file, as the blur script
 * builds them (docs/paper-mapping.md#blur): P4 parses the true caption; each object word must be an exact COCO category
 * name; among all instances the pair that best fits the relation on box centres is taken. A row whose caption does
 * not parse, whose category is missing, or whose image has no instance of it is skipped with a logged reason
 * (the paper aborted the whole run).
 */
public final class CocoDiagnosisData {

    private CocoDiagnosisData() {
    }

    /** Samples for {@code rows}, in order; {@code log} receives one line per skipped row. */
    public static List<TwoObjectSample> samples(List<WhatsUpRow> rows, CocoInstances coco, CocoImages images, Consumer<String> log) {
        List<TwoObjectSample> out = new ArrayList<>();
        for (WhatsUpRow row : rows) {
            String id = "coco" + row.index() + "_" + row.imageId();
            Optional<BlurCaption> parsed = BlurCaption.parse(row.trueCaption());
            if (parsed.isEmpty()) {
                log.accept(id + ": caption has no left/right/above/below relation: " + row.trueCaption());
                continue;
            }
            BlurCaption c = parsed.get();
            Optional<CocoInstances.Image> image = coco.image(row.imageId());
            Optional<CocoInstances.Category> a = coco.categoryNamed(c.subject()), b = coco.categoryNamed(c.object());
            if (image.isEmpty()) {
                log.accept(id + ": image " + row.imageId() + " is not in the instances file");
                continue;
            }
            if (a.isEmpty() || b.isEmpty()) {
                log.accept(id + ": no COCO category named '" + (a.isEmpty() ? c.subject() : c.object()) + "'");
                continue;
            }
            List<CocoInstances.Annotation> as = coco.instances(row.imageId(), a.get()), bs = coco.instances(row.imageId(), b.get());
            if (as.isEmpty() || bs.isEmpty()) {
                log.accept(id + ": image " + row.imageId() + " has no instance of '" + (as.isEmpty() ? c.subject() : c.object()) + "'");
                continue;
            }
            CocoInstances.Annotation bestA = null, bestB = null;
            double best = Double.NEGATIVE_INFINITY;
            for (CocoInstances.Annotation x : as)
                for (CocoInstances.Annotation y : bs) {
                    double score = score(c.relation(), x, y);
                    if (score > best) {
                        best = score;
                        bestA = x;
                        bestB = y;
                    }
                }
            boolean horizontal = c.relation().equals("left") || c.relation().equals("right");
            QaTask task = horizontal ? QaTask.LEFT_RIGHT : QaTask.ABOVE_BELOW;
            String question = horizontal ? QuestionForms.leftRight(c.subject(), c.object()) : QuestionForms.aboveBelow(c.subject(), c.object());
            QaItem item = new QaItem(task, question, QuestionForms.instruction(task), c.relation(), task.choices(),
                    List.of(c.subject(), c.object()));
            long imageId = row.imageId();
            out.add(new TwoObjectSample(id, () -> images.read(imageId), image.get().width(), image.get().height(),
                    box(bestA), box(bestB), item));
        }
        return out;
    }

    /** The relation score on box centres (docs/paper-mapping.md#blur): larger = the pair fits the relation better. */
    static double score(String relation, CocoInstances.Annotation a, CocoInstances.Annotation b) {
        return switch (relation) {
            case "left" -> b.centreX() - a.centreX();
            case "right" -> a.centreX() - b.centreX();
            case "above" -> b.centreY() - a.centreY();
            case "below" -> a.centreY() - b.centreY();
            default -> throw new IllegalArgumentException(relation);
        };
    }

    /** The box rounded to whole pixels, as the paper blurs it. */
    static Box box(CocoInstances.Annotation a) {
        return new Box((int) Math.round(a.x()), (int) Math.round(a.y()), (int) Math.round(a.width()), (int) Math.round(a.height()));
    }
}
