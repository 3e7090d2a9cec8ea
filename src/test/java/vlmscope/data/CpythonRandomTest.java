package vlmscope.data;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reference values printed by CPython 3.11.7 ({@code /usr/bin/python3}) and hard-coded here. */
class CpythonRandomTest {

    @Test
    void randomAfterSeedMatchesCpython() {
        assertEquals(0.6394267984578837, new CpythonRandom(42).random());
        assertEquals(0.8444218515250481, new CpythonRandom(0).random());
        assertEquals(0.6229016948897019, new CpythonRandom(-5).random(), "negative seeds use the absolute value");
        assertEquals(0.6137037779936511, new CpythonRandom((1L << 40) + 7).random(), "seeds over 32 bits use two words");
    }

    @Test
    void getrandbitsMatchesCpython() {
        assertEquals(BigInteger.valueOf(2746317213L), new CpythonRandom(42).getrandbits(32));
        assertEquals(new BigInteger("20500439928067422621"), new CpythonRandom(42).getrandbits(70));
    }

    @Test
    void sampleUsesThePoolBelowTheSetSizeRule() {
        assertArrayEquals(new int[]{40, 7, 1, 17, 15, 14, 8, 6, 34, 5}, new CpythonRandom(42).sample(50, 10));
        assertArrayEquals(new int[]{1, 0, 4, 9, 6, 5, 8, 2, 3, 7}, new CpythonRandom(42).sample(10, 10));
        int[] s = new CpythonRandom(42).sample(400, 100);
        assertArrayEquals(new int[]{327, 57, 12, 379, 140, 125, 114, 71, 377, 52}, Arrays.copyOf(s, 10));
        assertArrayEquals(new int[]{383, 161, 205, 137, 33}, Arrays.copyOfRange(s, 95, 100));
        assertEquals(19991, IntStream.of(s).sum());
    }

    @Test
    void sampleUsesASetAboveTheSetSizeRule() {
        // k = 100: setsize = 21 + 4^ceil(log4(300)) = 1045 — n = 1045 pools, n = 1046 uses the set.
        int[] pool = new CpythonRandom(42).sample(1045, 100);
        int[] set = new CpythonRandom(42).sample(1046, 100);
        assertArrayEquals(new int[]{388, 276, 655}, Arrays.copyOfRange(pool, 97, 100));
        assertEquals(46552, IntStream.of(pool).sum());
        assertArrayEquals(new int[]{601, 890, 323}, Arrays.copyOfRange(set, 97, 100));
        assertEquals(49712, IntStream.of(set).sum());
        assertArrayEquals(new int[]{654, 114, 25, 759, 281, 250, 228, 142, 754, 104}, new CpythonRandom(42).sample(1000, 10));
        assertArrayEquals(new int[]{670487, 116739, 26225, 777572, 288389}, new CpythonRandom(42).sample(1_000_000, 5));
        int[] big = new CpythonRandom(42).sample(5000, 100);
        assertArrayEquals(new int[]{912, 204, 2253, 2006, 1828, 1143, 839, 4467}, Arrays.copyOf(big, 8));
        assertEquals(234726, IntStream.of(big).sum());
    }

    @Test
    void shuffleMatchesCpython() {
        List<Integer> x = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        new CpythonRandom(42).shuffle(x);
        assertEquals(List.of(7, 3, 2, 8, 5, 6, 9, 4, 0, 1), x);
    }

    @Test
    void paperSampleIsSeed42SampleOf100() {
        assertArrayEquals(new CpythonRandom(42).sample(400, 100), PaperSample.indices(400, 100, 42));
        assertEquals(30, PaperSample.indices(30, 100, 42).length, "a subset smaller than 100 is taken whole");
    }
}
