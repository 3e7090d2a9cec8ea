package vlmscope.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch cap of {@link SweepBudget}: the documented formula, at least one run, shrinking with less memory. */
class SweepBudgetTest {

    @Test
    void perRunBytesFollowTheDocumentedFormula() {
        // T = 640, t = 16, d = 4096, bf16: 2·(2·640·4096 + 32·16·4096 + 640·16·4096/64)
        assertEquals(2L * (2L * 640 * 4096 + 32L * 16 * 4096 + 640L * 16 * 4096 / 64), SweepBudget.bytesPerRun(640, 16, 4096, 2));
    }

    @Test
    void capIsAQuarterOfAvailableMemoryOverPerRunBytesAndAtLeastOne() {
        long perRun = SweepBudget.bytesPerRun(640, 16, 4096, 4);
        assertEquals(10, SweepBudget.cap(40 * perRun, 640, 16, 4096, 4));
        assertEquals(1, SweepBudget.cap(perRun, 640, 16, 4096, 4), "less than one run's worth still runs one at a time");
        assertTrue(SweepBudget.cap(1L << 34, 640, 64, 4096, 4) < SweepBudget.cap(1L << 34, 640, 16, 4096, 4), "longer suffixes fit fewer runs");
        assertTrue(SweepBudget.availableBytes() > 0);
    }
}
