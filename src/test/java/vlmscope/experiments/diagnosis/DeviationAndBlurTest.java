package vlmscope.experiments.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.cli.Main;
import vlmscope.data.CocoImages;
import vlmscope.data.CocoInstances;
import vlmscope.data.WhatsUpRow;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.experiments.ids.SpatialIdFile;
import vlmscope.model.Precision;
import vlmscope.engine.LoadedModel;
import vlmscope.processing.Verdicts;
import vlmscope.world.BackgroundChoice;
import vlmscope.world.Box;
import vlmscope.world.Transforms;
import vlmscope.world.WorldRandom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviationAndBlurTest {

    private static LoadedModel lm;

    @BeforeAll
    static void open() {
        lm = LoadedModel.open(DiagnosisFixture.MODEL, Precision.FP32);
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    @Test
    void deviationRecordsGroundTruthOnThePlaneAndResumes(@TempDir Path dir) throws Exception {
        SpatialIdFile ids = SpatialIdFile.read(DiagnosisFixture.writeIds(dir, 2), null);
        ExperimentOutput out = new ExperimentOutput(dir.resolve("dev"));
        DeviationOptions one = new DeviationOptions(1, 3, List.of(2), 224, BackgroundChoice.MIXED, 3, false, Verdicts.Rule.SUBSTRING);
        IdDeviation.run(lm, ids, one, out, false, List.of("test"));
        DeviationOptions three = new DeviationOptions(2, 3, List.of(2), 224, BackgroundChoice.MIXED, 3, false, Verdicts.Rule.SUBSTRING);
        IdDeviation.run(lm, ids, three, out, false, List.of("test"));
        DiagnosisFixture.tearResults(out.dir(), 1);
        var summary = IdDeviation.run(lm, ids, three, out, false, List.of("test"));
        List<JsonNode> records = DiagnosisFixture.records(out.dir());
        assertEquals(2, records.size());

        float[] a = DiagnosisFixture.direction(102), b = DiagnosisFixture.direction(202);
        double na = norm(a), bu = dot(b, a) / na;
        for (int i = 0; i < 2; i++) {
            TwoObjectSample s = WorldDiagnosisData.twoObject(i, 3, 224, BackgroundChoice.MIXED);
            JsonNode r = records.stream().filter(n -> n.path("sample").asText().equals(s.id())).findFirst().orElseThrow();
            // linear field U = (x − 1.5)a + (y − 1.5)b: GT = (fx − 1.5)a + (fy − 1.5)b with fx = 4cx/W − 0.5 (clamped)
            double fx = Math.clamp(4 * s.subjectBox().centre().x() / 224 - 0.5, 0, 3);
            double fy = Math.clamp(4 * s.subjectBox().centre().y() / 224 - 0.5, 0, 3);
            assertEquals((fx - 1.5) * na + (fy - 1.5) * bu, r.path("truthSubject").get(0).asDouble(), 1e-4);
            double[] eA = xy(r.path("modelSubject")), eB = xy(r.path("modelObject"));
            double[] gA = xy(r.path("truthSubject")), gB = xy(r.path("truthObject"));
            assertEquals(IdDeviation.margin(s.correct(), eA, eB, gA, gB), r.path("margin").asDouble(), 1e-12);
            assertEquals(s.correct(), r.path("relation").asText());
        }
        JsonNode l2 = summary.path("layers").path("L2");
        assertEquals(2, l2.path("correct").asInt() + l2.path("wrong").asInt() + l2.path("nonsense").asInt());
    }

    @Test
    void marginSignsFollowTheRelation() {
        double[] zero = {0, 0};
        assertEquals(2, IdDeviation.margin("right", new double[] {3, 0}, new double[] {1, 0}, zero, zero), 0);
        assertEquals(-2, IdDeviation.margin("left", new double[] {3, 0}, new double[] {1, 0}, zero, zero), 0);
        assertEquals(1, IdDeviation.margin("above", new double[] {0, 1}, new double[] {0, 2}, zero, zero), 0);
        assertEquals(-1, IdDeviation.margin("below", new double[] {0, 1}, new double[] {0, 2}, zero, zero), 0);
        assertEquals(0, IdDeviation.margin("right", new double[] {3, 0}, new double[] {1, 0}, new double[] {5, 0}, new double[] {3, 0}), 0);
    }

    @Test
    void blurBoxesAvoidBothObjectsAndTheCommandRunsEndToEnd(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 40; i++) {
            TwoObjectSample s = WorldDiagnosisData.twoObject(i, 11, 224, BackgroundChoice.BLACK);
            var boxes = Transforms.randomAvoidingBoxes(224, 224, s.subjectBox(), s.objectBox(), 10,
                    WorldRandom.forItem(11, "diagnosis/blur-boxes/" + s.id(), 0));
            assertEquals(10, boxes.size());
            for (Box box : boxes) {
                if (box.intersects(s.subjectBox()) || box.intersects(s.objectBox())) {
                    assertEquals(1, boxes.stream().distinct().count(), "only the paper's fallback may overlap");
                }
            }
        }
        Path out = dir.resolve("blur");
        String[] args = {"diagnose", "blur", "--model", DiagnosisFixture.MODEL.toString(), "--out", out.toString(),
                "--n", "1", "--seed", "11", "--boxes", "3", "--max-new", "2", "--radius", "4"};
        assertEquals(0, Main.run(args));
        args[7] = "2";
        DiagnosisFixture.tearResults(out, 1);
        assertEquals(0, Main.run(args));
        List<JsonNode> records = DiagnosisFixture.records(out);
        assertEquals(2, records.size());
        for (JsonNode r : records) {
            if (r.has("skipped")) continue;
            Box subject = box(r.path("subjectBox")), object = box(r.path("objectBox"));
            for (JsonNode b : r.path("randomBoxes")) {
                assertFalse(box(b).intersects(subject) || box(b).intersects(object), "blur box hits an object");
                assertEquals(subject.width(), box(b).width());
            }
            List<Double> cc = new ArrayList<>();
            r.path("correctLogProbs").forEach(v -> cc.add(v.asDouble()));
            assertEquals(2 + 3, cc.size());
            double min = Math.min(cc.get(2), Math.min(cc.get(3), cc.get(4)));
            assertEquals(min - cc.get(1), r.path("sensitivity").asDouble(), 1e-12);
        }
        assertTrue(Files.exists(out.resolve("summary.json")));
        assertTrue(Files.exists(out.resolve("figures/fig8b_blur_sensitivity.svg")) || records.stream().noneMatch(r -> r.path("verdict").isBoolean()));
    }

    @Test
    void paperSliceUsesEntriesThreeToSix() {
        List<Double> cc = List.of(0.0, -1.0, -9.0, -2.0, -3.0, -1.5, -1.2, -8.0, -7.0);
        assertEquals(-8.0, BlurSensitivity.sensitivity(cc, false), 0);   // min over entries 2.. = −9 → −9 − (−1)
        assertEquals(-2.0, BlurSensitivity.sensitivity(cc, true), 0);    // min(cc[3:7]) = −3 → −3 − (−1)
        assertNull(BlurSensitivity.sensitivity(List.of(0.0, -1.0, -2.0), true));
    }

    @Test
    void cocoRowsWithMissingCategoriesAreSkippedWithAReason(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("instances.json");
        Files.writeString(json, """
                {"images": [{"id": 1, "width": 100, "height": 80, "file_name": "000000000001.jpg"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 18, "bbox": [10, 10, 20, 20]},
                                 {"id": 2, "image_id": 1, "category_id": 18, "bbox": [70, 10, 20, 20]},
                                 {"id": 3, "image_id": 1, "category_id": 1, "bbox": [40, 40, 10, 30]}],
                 "categories": [{"id": 1, "name": "person"}, {"id": 18, "name": "dog"}]}
                """);
        List<String> log = new ArrayList<>();
        var samples = CocoDiagnosisData.samples(List.of(
                new WhatsUpRow(0, 1, "A photo of a dog to the right of a person", "x"),
                new WhatsUpRow(1, 1, "A photo of a unicorn above a person", "x"),
                new WhatsUpRow(2, 1, "A photo of a dog next to a person", "x")), CocoInstances.read(json), new CocoImages(dir), log::add);
        assertEquals(1, samples.size());
        assertEquals(2, log.size());
        assertTrue(log.get(0).contains("unicorn"), log.get(0));
        TwoObjectSample s = samples.getFirst();
        assertEquals(new Box(70, 10, 20, 20), s.subjectBox(), "the dog instance farthest right of the person");
        assertEquals("Is the dog to the left or right of the person?", s.question().question());
        assertEquals(new BlurCaption("potted plant", "above", "dining table"),
                BlurCaption.parse("A photo of a potted plant above a dining table.").orElseThrow());
    }

    @Test
    void deviationRunsOnCocoPhotosFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("instances.json");
        Files.writeString(json, """
                {"images": [{"id": 1, "width": 100, "height": 80, "file_name": "000000000001.jpg"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 18, "bbox": [70, 10, 20, 20]},
                                 {"id": 3, "image_id": 1, "category_id": 1, "bbox": [10, 40, 10, 30]}],
                 "categories": [{"id": 1, "name": "person"}, {"id": 18, "name": "dog"}]}
                """);
        java.awt.image.BufferedImage photo = new java.awt.image.BufferedImage(100, 80, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(photo, "jpg", dir.resolve("000000000001.jpg").toFile());
        Path rows = dir.resolve("coco_qa_two_obj.json");
        Files.writeString(rows, "[[1, \"A photo of a dog to the right of a person\", \"A photo of a dog to the left of a person\"]]");
        Path ids = DiagnosisFixture.writeIds(dir, 2);
        Path out = dir.resolve("dev-coco");
        String[] args = {"diagnose", "deviation", "--model", DiagnosisFixture.MODEL.toString(), "--ids", ids.toString(),
                "--layers", "2", "--out", out.toString(), "--n", "1", "--max-new", "2", "--whatsup", rows.toString(),
                "--instances", json.toString(), "--images", dir.toString()};
        assertEquals(0, Main.run(args));
        List<JsonNode> records = DiagnosisFixture.records(out);
        assertEquals(1, records.size());
        assertEquals("right", records.getFirst().path("relation").asText());
        assertEquals(2, Main.run(Arrays.copyOf(args, args.length - 2)), "--whatsup without --images is one clear error");
    }

    private static Box box(JsonNode n) {
        return new Box(n.get(0).asInt(), n.get(1).asInt(), n.get(2).asInt(), n.get(3).asInt());
    }

    private static double[] xy(JsonNode n) {
        return new double[] {n.get(0).asDouble(), n.get(1).asDouble()};
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }
}
