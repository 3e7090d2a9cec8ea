package vlmscope.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tick steps, positions and labels for a few ranges, worked out by hand (matplotlib gives the same ticks). */
class TicksTest {

    @Test
    void unitRange() {
        // span 1.1 over 8 bins → raw 0.1375 → smallest nice step ≥ it is 0.2
        Axis a = Axis.numeric(0, 1, Axis.MARGIN, 400, 50);
        assertEquals(-0.05, a.min(), 1e-12);
        assertEquals(1.05, a.max(), 1e-12);
        assertArrayEquals(new double[]{0, 0.2, 0.4, 0.6, 0.8, 1.0}, a.ticks(), 0);
        assertArrayEquals(new String[]{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, a.labels());
    }

    @Test
    void signedRangeUsesTrueMinus() {
        // raw (12.2 + 3.7) / 8 = 1.99 → step 2
        assertEquals(2, Ticks.step(-3.7, 12.2, 8));
        double[] t = Ticks.positions(-3.7, 12.2, 2);
        assertArrayEquals(new double[]{-2, 0, 2, 4, 6, 8, 10, 12}, t, 0);
        assertArrayEquals(new String[]{"−2", "0", "2", "4", "6", "8", "10", "12"}, Ticks.labels(t, 2));
    }

    @Test
    void smallAndQuarterSteps() {
        // raw 0.037 / 5 = 0.0074 → 0.01
        assertEquals(0.01, Ticks.step(0, 0.037, 5), 1e-15);
        double[] t = Ticks.positions(0, 0.037, 0.01);
        assertArrayEquals(new String[]{"0.00", "0.01", "0.02", "0.03"}, Ticks.labels(t, 0.01));
        // raw 7 / 3 = 2.33 → 2.5
        assertEquals(2.5, Ticks.step(0, 7, 3));
        assertArrayEquals(new String[]{"0.0", "2.5", "5.0"}, Ticks.labels(Ticks.positions(0, 7, 2.5), 2.5));
        // rounding: 0.1 * 3 is printed as 0.3, not 0.30000000000000004
        assertEquals(0.3, Ticks.positions(0.25, 0.35, 0.1)[0]);
    }

    @Test
    void largeSteps() {
        assertEquals(1000, Ticks.step(1000, 5000, 4));
        assertArrayEquals(new String[]{"1000", "2000", "3000", "4000", "5000"},
                Ticks.labels(Ticks.positions(1000, 5000, 1000), 1000));
    }

    @Test
    void degenerateRanges() {
        Axis none = Axis.numeric(Double.NaN, Double.NaN, Axis.MARGIN, 300, 50);
        assertEquals(0, none.min());
        assertEquals(1, none.max());
        Axis zero = Axis.numeric(0, 0, Axis.MARGIN, 300, 50);
        assertEquals(-0.5, zero.min());
        assertEquals(0.5, zero.max());
        Axis flat = Axis.numeric(2, 2, Axis.MARGIN, 300, 50);
        assertEquals(1.8, flat.min(), 1e-12);
        assertEquals(2.2, flat.max(), 1e-12);
    }

    @Test
    void categoricalAxisThinsCrowdedLabels() {
        String[] names = new String[32];
        for (int i = 0; i < 32; i++) names[i] = "L" + i;
        Axis a = Axis.categorical(names, true, 100, 10); // room for 10 labels → every 4th (ceil(32·10/100))
        assertArrayEquals(new String[]{"L0", "L4", "L8", "L12", "L16", "L20", "L24", "L28"}, a.labels());
        assertEquals(31.5, a.min());
        assertEquals(-0.5, a.max());
    }

    @Test
    void compactNumbers() {
        assertEquals("0.25", Ticks.compact(0.25));
        assertEquals("−1.50", Ticks.compact(-1.5));
        assertEquals("12.3", Ticks.compact(12.34));
        assertEquals("0.00", Ticks.compact(-0.0001 + 0.0001));
        assertEquals("1.00e−04", Ticks.compact(1e-4));
    }
}
