package vlmscope.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The Pillow GaussianBlur port against values derived by hand from BoxBlur.c and against Pillow's own output. */
class PillowGaussianBlurTest {

    /*
     * σ = 1, 3 passes. _gaussian_blur_radius: sigma2 = 1/3; L = sqrt(12·sigma2 + 1) = sqrt(5) ≈ 2.236;
     * l = floor((L − 1)/2) = 0; a = (2l+1)(l(l+1) − 3·sigma2) / (6(sigma2 − (l+1)²)) = (−1)/(6·(−2/3)) = 0.25,
     * so the box radius is 0.25 (integer part 0).
     * ImagingHorizontalBoxBlur: ww = (UINT32)(2^24 / 1.5) = 11184811 (the float quotient rounds up);
     * fw = (2^24 − 1·ww) / 2 = 2796202. With radius 0 each output is
     *   out[x] = (in[x]·ww + (in[x−1] + in[x+1])·fw + 2^23) >> 24, with in[−1] = in[0] and in[n] = in[n−1].
     * A one-row image makes the vertical passes the identity: there every line has length 1, so
     * out = (v·(ww + 2fw) + 2^23) >> 24 = (v·(2^24 − 1) + 2^23) >> 24 = v for v ≤ 255.
     */
    @Test
    void singleBrightPixelMatchesHandDerivation() {
        // pass 1 on [0,0,0,240,0,0,0]:
        //   x=3: 240·ww + 0 = 2684354640; +2^23 = 2692743248; >>24 = 160 (160.5 before the floor)
        //   x=2, x=4: 240·fw = 671088480; +2^23 = 679477088; >>24 = 40                  → [0,0,40,160,40,0,0]
        // pass 2: x=3: 160·ww + 80·fw = 2013265920; +2^23 → 120
        //         x=2: 40·ww + 160·fw = 894784760; +2^23 = 903173368 → 53
        //         x=1: 40·fw = 111848080; +2^23 → 7                                        → [0,7,53,120,53,7,0]
        // pass 3: x=3: 120·ww + 106·fw = 1638574732; +2^23 = 1646963340 → 98
        //         x=2: 53·ww + 127·fw = 947912637; +2^23 = 956301245 < 57·2^24 = 956301312 → 56
        //         x=1: 7·ww + 53·fw = 226492383; +2^23 = 234880991 < 14·2^24 → 13
        //         x=0: 0·ww + (0 + 7)·fw = 19573414; +2^23 = 27962022 → 1                 → [1,13,56,98,56,13,1]
        assertArrayEquals(new int[]{1, 13, 56, 98, 56, 13, 1}, blurRow(new int[]{0, 0, 0, 240, 0, 0, 0}, 1f));
    }

    @Test
    void stepEdgeMatchesHandDerivation() {
        // same ww, fw as above. pass 1 on [0,0,0,0,200,200,200,200]:
        //   x=3: 200·fw + 2^23 = 567629008 → 33;  x=4: 200·ww + 200·fw + 2^23 = 2804591208 → 167
        //   flat runs stay (v·(2^24 − 1) + 2^23 >> 24 = v)                       → [0,0,0,33,167,200,200,200]
        // pass 2: x=2: 33·fw + 2^23 = 100663274 < 6·2^24 → 5;  x=3: 33·ww + 167·fw + 2^23 = 844453105 → 50
        //         x=4: 167·ww + 233·fw + 2^23 = 2527767111 → 150;  x=5: 200·ww + 367·fw + 2^23 = 3271556942 → 194
        //                                                                           → [0,0,5,50,150,194,200,200]
        // pass 3: x=1: 5·fw → 1;  x=2: 5·ww + 50·fw → 12;  x=3: 50·ww + 155·fw → 59;  x=4: 150·ww + 244·fw → 141
        //         x=5: 194·ww + 350·fw → 188;  x=6: 200·ww + 394·fw + 2^23 = 3347054396 → 199;  x=7 → 200
        assertArrayEquals(new int[]{0, 1, 12, 59, 141, 188, 199, 200},
                blurRow(new int[]{0, 0, 0, 0, 200, 200, 200, 200}, 1f));
    }

    @Test
    void boxRadiusFollowsGwosdek() {
        assertEquals(0.25f, PillowGaussianBlur.boxRadius(1f, 3), 1e-6f);
        // σ = 2: sigma2 = 4/3, L = sqrt(17) ≈ 4.123, l = 1, a = 3·(2 − 4)/(6·(4/3 − 4)) = 0.375
        assertEquals(1.375f, PillowGaussianBlur.boxRadius(2f, 3), 1e-6f);
        assertEquals(0f, PillowGaussianBlur.boxRadius(0f, 3), 0f);
    }

    /** Reference produced by Pillow 9.4.0: Image.fromarray(a, "L").filter(ImageFilter.GaussianBlur(r)). */
    @Test
    void twoDimensionalBlurMatchesPillow() {
        int[] impulse = new int[25];   // [5, 5], one 255 in the middle
        impulse[12] = 255;
        int[] pillowImpulse = {
                0, 4, 6, 4, 0,
                3, 14, 24, 14, 3,
                6, 24, 42, 24, 6,
                3, 14, 24, 14, 3,
                0, 4, 6, 4, 0};
        assertArrayEquals(pillowImpulse, blurPlane(impulse, 5, 5, 1f));

        int[] shapes = new int[36];    // [6, 6]: a 200 dot at (x=4, y=1) and a 120 block at x < 2, y ≥ 3
        shapes[6 + 4] = 200;
        for (int y = 3; y < 6; y++) for (int x = 0; x < 2; x++) shapes[y * 6 + x] = 120;
        int[] pillowShapes = {
                12, 13, 13, 13, 13, 14,
                21, 20, 17, 15, 14, 13,
                35, 30, 24, 18, 14, 11,
                50, 42, 32, 21, 14, 9,
                64, 53, 38, 24, 13, 7,
                73, 60, 42, 25, 13, 6};
        assertArrayEquals(pillowShapes, blurPlane(shapes, 6, 6, 2f));
    }

    @Test
    void blurBoxChangesOnlyTheBoxAndReplicatesItsEdges() {
        BufferedImage image = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 12; x++) image.setRGB(x, y, (x * 20) << 16 | (y * 25) << 8 | 77);
        Box box = new Box(3, 2, 5, 4);
        BufferedImage blurred = Transforms.blurBox(image, box, 20f);
        for (int y = 0; y < 10; y++)
            for (int x = 0; x < 12; x++) {
                boolean inside = x >= 3 && x < 8 && y >= 2 && y < 6;
                if (!inside) assertEquals(image.getRGB(x, y), blurred.getRGB(x, y), "outside pixel " + x + "," + y);
                else assertEquals(77, blurred.getRGB(x, y) & 0xFF, "a constant channel stays constant");
            }
        // σ = 20 on a 5-px crop: every box pass averages far past the crop, whose edges replicate, so each
        // row of the crop ends up at one value; the red ramp 60…140 becomes flat.
        int first = (blurred.getRGB(3, 2) >> 16) & 0xFF;
        for (int x = 3; x < 8; x++) assertEquals(first, (blurred.getRGB(x, 2) >> 16) & 0xFF);
    }

    private static int[] blurRow(int[] row, float sigma) {
        return blurPlane(row, row.length, 1, sigma);
    }

    private static int[] blurPlane(int[] plane, int width, int height, float sigma) {
        int[][] planes = {plane.clone()};
        PillowGaussianBlur.blurPlanes(planes, width, height, sigma);
        return planes[0];
    }
}
