package vlmscope.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many patched runs one batched suffix step may hold at once ({@link HookedModel#runBatch}).
 *
 * <p>A run recomputing t suffix rows of a T-row prompt with decoder width d, in a precision of b bytes per value,
 * holds while one block runs (the batched step frees each block's intermediates before the next block):
 * <pre>
 *   perRun = b · ( 2·T·d          its keys and values over all T rows (key/value width ≤ d)
 *                + 32·t·d         one block's rows: residual, norms, q/k/v, attention, MLP gate/up/product (width ≤ 4d)
 *                + T·t·d / 64 )   attention scores (heads ≤ d / 64)
 * </pre>
 * The number of blocks does not enter: no run keeps per-block state (reads are recorded into each run's own result,
 * which the caller holds either way). The cap is {@code max(1, budget / perRun)} with budget a quarter of the memory
 * the OS reports available, so a sweep never asks for more than that on top of the model and the trace.
 */
public final class SweepBudget {

    /** Share of available memory one batch may use. */
    static final double SHARE = 0.25;

    private SweepBudget() {
    }

    /** Bytes one run of a batch holds while a block runs (formula above). */
    static long bytesPerRun(int promptRows, int suffixRows, int width, int bytesPerValue) {
        long t = suffixRows;
        long rows = promptRows;
        long d = width;
        return bytesPerValue * (2 * rows * d + 32 * t * d + rows * t * d / 64);
    }

    /** Runs per batch for {@code availableBytes} of free memory; at least 1. */
    static int cap(long availableBytes, int promptRows, int suffixRows, int width, int bytesPerValue) {
        long perRun = bytesPerRun(promptRows, suffixRows, width, bytesPerValue);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) (availableBytes * SHARE) / perRun));
    }

    /** Memory the OS can hand out now: MemAvailable from /proc/meminfo, else the JVM's view of free physical memory. */
    static long availableBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux: fall through to the JVM's figure
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getFreeMemorySize();
    }
}
