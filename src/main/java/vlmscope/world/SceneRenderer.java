package vlmscope.world;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Renders a {@link Scene} to a {@code TYPE_INT_RGB} image: background, then each object's cached coverage
 * mask blended in its colour, in list order. Pure integer arithmetic; identical scenes give identical pixels,
 * and rendering {@code scene.mirrored()} gives exactly the mirror of rendering {@code scene}.
 */
public final class SceneRenderer {

    private SceneRenderer() {
    }

    public static BufferedImage render(Scene scene) {
        int w = scene.width(), h = scene.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();   // [h * w] 0xRRGGBB
        BackgroundPainter.paint(scene.background(), w, h, pixels);
        for (SceneObject object : scene.objects()) paintObject(object, w, h, pixels);
        return image;
    }

    private static void paintObject(SceneObject object, int w, int h, int[] pixels) {
        Box box = object.box();
        if (box.isEmpty()) return;
        ObjectKind kind = Catalogue.byName(object.kind())
                .orElseThrow(() -> new IllegalArgumentException("unknown object kind " + object.kind()));
        byte[] mask = SpriteMasks.mask(kind, box.width(), box.height());   // [box.h * box.w]
        int rgb = NamedColour.parseHex(object.rgb());
        int cr = (rgb >> 16) & 0xFF, cg = (rgb >> 8) & 0xFF, cb = rgb & 0xFF;
        for (int my = 0; my < box.height(); my++) {
            int y = box.y() + my;
            if (y < 0 || y >= h) continue;
            for (int mx = 0; mx < box.width(); mx++) {
                int x = box.x() + mx;
                if (x < 0 || x >= w) continue;
                int maskColumn = object.flipped() ? box.width() - 1 - mx : mx;
                int a = mask[my * box.width() + maskColumn] & 0xFF;
                if (a == 0) continue;
                int i = y * w + x, under = pixels[i];
                int r = blend((under >> 16) & 0xFF, cr, a), g = blend((under >> 8) & 0xFF, cg, a);
                int b = blend(under & 0xFF, cb, a);
                pixels[i] = (r << 16) | (g << 8) | b;
            }
        }
    }

    private static int blend(int under, int over, int alpha) {
        return (under * (255 - alpha) + over * alpha + 127) / 255;
    }
}
