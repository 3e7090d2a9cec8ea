package vlmscope.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vlmscope.world.SceneRendererTest.pixels;
import static vlmscope.world.SceneRendererTest.spec;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mirror, recolour and random-box transforms keep images and annotations consistent. */
class TransformsTest {

    @Test
    void mirrorOfMirrorIsIdentityForImagesAndAnnotations() {
        for (int i = 0; i < 5; i++) {
            var rendered = WorldDatasets.render(spec(SceneKind.FREE, 2), i);
            BufferedImage image = rendered.images().getFirst();
            Scene scene = rendered.sample().scenes().getFirst();
            assertArrayEquals(pixels(image), pixels(Transforms.mirror(Transforms.mirror(image))));
            assertEquals(scene, scene.mirrored().mirrored());
            assertFalse(scene.equals(scene.mirrored()));
        }
    }

    @Test
    void mirrorFlipsBoxesCentresCellsAndLeftRightAnswersOnly() {
        RenderSpec grid = new RenderSpec(SceneKind.GRID, 0, 0, 64, 4, List.of("dog,cat"), List.of(224),
                BackgroundChoice.BLACK, 4, 8);
        Scene scene = WorldDatasets.render(grid, 5).sample().scenes().getFirst();
        Scene mirrored = scene.mirrored();
        for (int k = 0; k < scene.objects().size(); k++) {
            SceneObject o = scene.objects().get(k), m = mirrored.objects().get(k);
            assertEquals(64 - o.box().right(), m.box().x());
            assertEquals(o.box().y(), m.box().y());
            assertEquals(64 - o.centre().x(), m.centre().x(), 0.0);
            assertEquals(3 - o.cell().col(), m.cell().col());
            assertEquals(o.cell().row(), m.cell().row());
        }
        for (SceneKind kind : List.of(SceneKind.GRID, SceneKind.FREE, SceneKind.DEPTH, SceneKind.NEARFAR))
            for (int i = 0; i < 20; i++) {
                Scene s = kind == SceneKind.GRID ? WorldDatasets.render(grid, i * 11).sample().scenes().getFirst()
                        : WorldDatasets.render(spec(kind, 4), i).sample().scenes().getFirst();
                List<QaItem> before = QaGenerator.forScene(s, kind.tasks());
                List<QaItem> after = QaGenerator.forScene(s.mirrored(), kind.tasks());
                assertEquals(before.size(), after.size());
                for (int q = 0; q < before.size(); q++) {
                    QaItem a = before.get(q), b = after.get(q);
                    assertEquals(a.question(), b.question());
                    String expected = a.task() == QaTask.LEFT_RIGHT ? Map.of("left", "right", "right", "left")
                            .get(a.answer()) : a.answer();
                    assertEquals(expected, b.answer(), kind + " " + a.question());
                }
            }
    }

    @Test
    void recolourIsDeterministicBySeedAndKeepsBlackAndAlpha() {
        BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 10; y++)
            for (int x = 0; x < 20; x++)
                image.setRGB(x, y, x < 10 ? 0x40000000 | (y * 17) : 0xFF000000 | 0xE62828 + x);   // left: black, alpha 0x40
        BufferedImage a = Transforms.recolour(image, 42), b = Transforms.recolour(image, 42);
        BufferedImage c = Transforms.recolour(image, 43);
        assertArrayEquals(pixels(a), pixels(b));
        assertFalse(java.util.Arrays.equals(pixels(a), pixels(c)), "another seed, another rainbow");
        for (int y = 0; y < 10; y++)
            for (int x = 0; x < 20; x++) {
                int p = image.getRGB(x, y), q = a.getRGB(x, y);
                assertEquals(p >>> 24, q >>> 24, "alpha kept");
                if (x < 10 && y == 0) assertEquals(0, q & 0xFFFFFF, "black stays black");
            }
        assertFalse(a.getRGB(15, 5) == image.getRGB(15, 5), "colours change");
        Scene scene = WorldDatasets.render(spec(SceneKind.FREE, 1), 0).sample().scenes().getFirst();
        assertTrue(QaGenerator.forScene(scene.asRecoloured(), SceneKind.FREE.tasks()).stream()
                .noneMatch(q -> q.task() == QaTask.COLOUR), "no colour questions about a recoloured image");
        assertEquals(scene.objects(), scene.asRecoloured().objects(), "layout unchanged");
    }

    @Test
    void recolourOfARenderedSceneKeepsTheBlackBackground() {
        Scene scene = Scene.flat(32, 32, Background.black(), List.of(
                SceneObject.of("circle", Palette.COLOURS.getFirst(), new Box(8, 8, 16, 16))));
        BufferedImage recoloured = Transforms.recolour(SceneRenderer.render(scene), 9);
        assertEquals(0, recoloured.getRGB(1, 1) & 0xFFFFFF);
        assertTrue((recoloured.getRGB(16, 16) & 0xFFFFFF) != 0);
    }

    @Test
    void randomBoxesHaveTheSubjectSizeAndAvoidBothObjects() {
        Box subject = new Box(10, 10, 12, 8), object = new Box(40, 30, 10, 10);
        List<Box> boxes = Transforms.randomAvoidingBoxes(64, 64, subject, object, 10, new SplittableRandom(5));
        assertEquals(10, boxes.size());
        for (Box b : boxes) {
            assertEquals(12, b.width());
            assertEquals(8, b.height());
            assertTrue(b.insideCanvas(64, 64));
            assertFalse(b.intersects(subject) || b.intersects(object));
        }
        assertEquals(boxes, Transforms.randomAvoidingBoxes(64, 64, subject, object, 10, new SplittableRandom(5)));
        // the subject fills the canvas: no box fits, so the fallback is the single box at (0, 0)
        Box whole = new Box(0, 0, 64, 64);
        assertEquals(List.of(new Box(0, 0, 64, 64)),
                Transforms.randomAvoidingBoxes(64, 64, whole, object, 10, new SplittableRandom(1)));
        // touching edges count as disjoint (docs/paper-mapping.md#blur)
        assertFalse(new Box(0, 0, 10, 10).intersects(new Box(10, 0, 5, 5)));
        assertTrue(new Box(0, 0, 10, 10).intersects(new Box(9, 9, 5, 5)));
    }
}
