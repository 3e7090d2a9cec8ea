package vlmscope.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pillow's RGB ↔ HSV conversions on values worked out by hand from Convert.c. */
class PillowHsvTest {

    @Test
    void rgbToHsvByHand() {
        assertEquals(hex(0, 255, 255), PillowHsv.rgbToHsv(255, 0, 0));      // h = 0
        assertEquals(hex(85, 255, 255), PillowHsv.rgbToHsv(0, 255, 0));     // h = (2/6 + 1) mod 1 → ·255 = 85
        assertEquals(hex(170, 255, 255), PillowHsv.rgbToHsv(0, 0, 255));    // h = 4/6 → 170
        // (255,128,0): cr = 255, s = 1, h = bc − gc = 1 − 127/255 = 0.50196; /6 → 0.08366; ·255 = 21.33 → 21
        assertEquals(hex(21, 255, 255), PillowHsv.rgbToHsv(255, 128, 0));
        // (100,100,100): grey → h = s = 0, v = 100
        assertEquals(hex(0, 0, 100), PillowHsv.rgbToHsv(100, 100, 100));
        // (0,0,0) stays black
        assertEquals(0, PillowHsv.rgbToHsv(0, 0, 0));
    }

    @Test
    void hsvToRgbByHand() {
        assertEquals(hex(255, 0, 0), PillowHsv.hsvToRgb(0, 255, 255));
        // h = 85: i = floor(85·6/255) = 2, f = 0; p = 0, t = round(255·(1 − 1·1)) = 0 → (p, v, t) = (0, 255, 0)
        assertEquals(hex(0, 255, 0), PillowHsv.hsvToRgb(85, 255, 255));
        // h = 21, s = 255, v = 255: i = 0, f = 0.49412; t = round(255·f) = round(126.0) = 126 → (255, 126, 0)
        assertEquals(hex(255, 126, 0), PillowHsv.hsvToRgb(21, 255, 255));
        // s = 0 → grey
        assertEquals(hex(7, 7, 7), PillowHsv.hsvToRgb(200, 0, 7));
        // v = 0 → black whatever the hue
        assertEquals(0, PillowHsv.hsvToRgb(123, 200, 0));
    }

    private static int hex(int a, int b, int c) {
        return (a << 16) | (b << 8) | c;
    }
}
