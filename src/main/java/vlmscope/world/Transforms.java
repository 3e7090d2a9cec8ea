package vlmscope.world;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Image transforms of the experiments. Each leaves its input untouched and returns a new image; the matching
 * annotation change is {@link Scene#mirrored()} for the mirror, {@link Scene#asRecoloured()} for the recolour,
 * and none for a blur (boxes and words stay valid).
 */
public final class Transforms {

    /** Tries and count of the paper's random blur boxes (docs/paper-mapping.md#blur, {@code _place_outside_patches}). */
    public static final int BOX_TRIES = 500, BOX_COUNT = 10;

    private Transforms() {
    }

    /** Horizontal flip, Pillow's {@code transpose(FLIP_LEFT_RIGHT)}. */
    public static BufferedImage mirror(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        int[] in = image.getRGB(0, 0, w, h, null, 0, w), out = new int[w * h];   // [h * w] ARGB
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) out[y * w + x] = in[y * w + (w - 1 - x)];
        BufferedImage result = ImageCopies.blankLike(image);
        result.setRGB(0, 0, w, h, out, 0, w);
        return result;
    }

    /** The paper's rainbow recolour with its parameters drawn from {@code seed}. */
    public static BufferedImage recolour(BufferedImage image, long seed) {
        return RainbowRecolour.draw(new SplittableRandom(seed)).apply(image);
    }

    /**
     * Pillow's GaussianBlur(radius = σ) applied to the box only (docs/paper-mapping.md#blur): the box is clamped to the
     * image, cropped, blurred on its own (so its edges replicate), and pasted back.
     */
    public static BufferedImage blurBox(BufferedImage image, Box box, float sigma) {
        int w = image.getWidth(), h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);   // [h * w]
        Box crop = box.clampedTo(w, h);
        if (!crop.isEmpty()) {
            int cw = crop.width(), ch = crop.height();
            int[][] planes = new int[4][cw * ch];               // [ARGB channel][ch * cw]
            for (int y = 0; y < ch; y++)
                for (int x = 0; x < cw; x++) {
                    int p = argb[(crop.y() + y) * w + crop.x() + x];
                    for (int c = 0; c < 4; c++) planes[c][y * cw + x] = (p >>> (24 - 8 * c)) & 0xFF;
                }
            PillowGaussianBlur.blurPlanes(planes, cw, ch, sigma);
            for (int y = 0; y < ch; y++)
                for (int x = 0; x < cw; x++) {
                    int i = y * cw + x;
                    argb[(crop.y() + y) * w + crop.x() + x] =
                            (planes[0][i] << 24) | (planes[1][i] << 16) | (planes[2][i] << 8) | planes[3][i];
                }
        }
        BufferedImage result = ImageCopies.blankLike(image);
        result.setRGB(0, 0, w, h, argb, 0, w);
        return result;
    }

    /**
     * Up to {@code count} boxes of the subject's size that intersect neither the subject nor the object
     * (touching counts as disjoint), from {@link #BOX_TRIES} uniform tries (docs/paper-mapping.md#blur). If fewer were
     * found the list is padded with random copies of found ones; if none, it is the single box at (0, 0).
     */
    public static List<Box> randomAvoidingBoxes(int width, int height, Box subject, Box object, int count,
                                                SplittableRandom rng) {
        int bw = subject.width(), bh = subject.height();
        List<Box> found = new ArrayList<>();
        for (int t = 0; t < BOX_TRIES && found.size() < count; t++) {
            Box box = new Box(rng.nextInt(Math.max(0, width - bw) + 1), rng.nextInt(Math.max(0, height - bh) + 1), bw, bh);
            if (!box.intersects(subject) && !box.intersects(object)) found.add(box);
        }
        if (found.isEmpty()) return List.of(new Box(0, 0, bw, bh));
        int accepted = found.size();
        while (found.size() < count) found.add(found.get(rng.nextInt(accepted)));
        return List.copyOf(found);
    }
}
