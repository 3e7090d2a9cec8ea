package vlmscope.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering: determinism, mirror equivariance, annotations on the canvas, sprites distinct at 16 px. */
class SceneRendererTest {

    private static final List<SceneKind> STILL_KINDS =
            List.of(SceneKind.FREE, SceneKind.DEPTH, SceneKind.NEARFAR, SceneKind.INBETWEEN);

    @Test
    void sameSeedGivesIdenticalPixelsAndOtherSeedsDiffer() {
        for (SceneKind kind : List.of(SceneKind.FREE, SceneKind.DEPTH, SceneKind.NEARFAR, SceneKind.INBETWEEN,
                SceneKind.VIDEO)) {
            RenderSpec spec = spec(kind, 7);
            for (int i = 0; i < 3; i++) {
                var a = WorldDatasets.render(spec, i);
                var b = WorldDatasets.render(spec, i);
                assertEquals(a.sample(), b.sample(), kind + " annotation " + i);
                for (int f = 0; f < a.images().size(); f++)
                    assertArrayEquals(pixels(a.images().get(f)), pixels(b.images().get(f)), kind + " pixels " + i);
            }
            var other = WorldDatasets.render(spec(kind, 8), 0);
            assertFalse(other.sample().scenes().equals(WorldDatasets.render(spec, 0).sample().scenes()),
                    kind + ": seed 8 should give another scene than seed 7");
        }
    }

    @Test
    void renderingTheMirroredSceneEqualsMirroringTheImage() {
        for (SceneKind kind : STILL_KINDS)
            for (int i = 0; i < 5; i++) {
                Scene scene = WorldDatasets.render(spec(kind, 3), i).sample().scenes().getFirst();
                BufferedImage direct = SceneRenderer.render(scene.mirrored());
                BufferedImage flipped = Transforms.mirror(SceneRenderer.render(scene));
                assertArrayEquals(pixels(flipped), pixels(direct), kind + " " + i);
            }
    }

    @Test
    void everyBoxLiesOnTheCanvasAndFreeObjectsDoNotOverlap() {
        for (SceneKind kind : STILL_KINDS)
            for (int i = 0; i < 60; i++) {
                Scene scene = WorldDatasets.render(spec(kind, 11), i).sample().scenes().getFirst();
                for (SceneObject o : scene.objects())
                    assertTrue(o.box().insideCanvas(scene.width(), scene.height()), kind + " " + i + " " + o);
                if (kind == SceneKind.DEPTH) continue;   // depth scenes overlap on purpose (occlusion)
                for (SceneObject a : scene.objects())
                    for (SceneObject b : scene.objects())
                        assertTrue(a == b || !a.box().intersects(b.box()), kind + " " + i + ": overlap");
            }
    }

    @Test
    void objectsAreDrawnInTheirColourInsideTheirBox() {
        Scene scene = Scene.flat(32, 32, Background.black(), List.of(
                SceneObject.of("square", Palette.byName("red").orElseThrow(), new Box(0, 0, 16, 16))));
        BufferedImage image = SceneRenderer.render(scene);
        assertEquals(0xE62828, image.getRGB(8, 8) & 0xFFFFFF, "centre of the square is its colour");
        assertEquals(0, image.getRGB(20, 20) & 0xFFFFFF, "outside the box stays black");
        assertEquals(0, image.getRGB(0, 0) & 0xFFFFFF, "the square's margin (10% of the box) stays black");
    }

    @Test
    void spritesAreDistinctAt16Pixels() {
        List<ObjectKind> kinds = Catalogue.KINDS;
        assertTrue(kinds.size() >= 12);
        assertEquals(kinds.size(), kinds.stream().map(ObjectKind::name).distinct().count());
        for (ObjectKind k : kinds) assertTrue(k.name().matches("[a-z]+"), "one lower-case word: " + k.name());
        for (int i = 0; i < kinds.size(); i++)
            for (int j = i + 1; j < kinds.size(); j++) {
                byte[] a = SpriteMasks.mask(kinds.get(i), 16, 16), b = SpriteMasks.mask(kinds.get(j), 16, 16);
                int differing = 0;
                for (int p = 0; p < a.length; p++) if (Math.abs((a[p] & 0xFF) - (b[p] & 0xFF)) > 127) differing++;
                assertTrue(differing >= 12, kinds.get(i).name() + " vs " + kinds.get(j).name() + ": only "
                        + differing + " of 256 pixels differ");
            }
        assertTrue(Palette.COLOURS.size() >= 6);
    }

    @Test
    void depthScenesPutFartherObjectsHigherSmallerAndUnderneath() {
        for (int i = 0; i < 40; i++) {
            Scene scene = WorldDatasets.render(spec(SceneKind.DEPTH, 5), i).sample().scenes().getFirst();
            SceneObject far = scene.objects().get(0), near = scene.objects().get(1);
            assertTrue(far.depth() > near.depth() + SpatialRelations.MIN_DEPTH_GAP);
            assertTrue(far.box().width() < near.box().width(), "farther is smaller");
            assertTrue(far.box().bottom() < near.box().bottom(), "farther stands higher");
        }
    }

    static RenderSpec spec(SceneKind kind, long seed) {
        return new RenderSpec(kind, 100, seed, 64, 4, List.of(), List.of(), BackgroundChoice.MIXED, 4, 8);
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
