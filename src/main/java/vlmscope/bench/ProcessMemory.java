package vlmscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident-set size of this process from /proc/self/status (Linux), in bytes; -1 elsewhere. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static long rss() {
        return field("VmRSS:");
    }

    /** Peak RSS so far. */
    static long peakRss() {
        return field("VmHWM:");
    }

    /** Anonymous memory backed by transparent huge pages (AnonHugePages in /proc/self/smaps_rollup), bytes; -1 elsewhere. */
    static long anonHugePages() {
        return field(Path.of("/proc/self/smaps_rollup"), "AnonHugePages:");
    }

    /**
     * The host's transparent-huge-page mode, the bracketed word of /sys/kernel/mm/transparent_hugepage/enabled
     * ({@code always}, {@code madvise} or {@code never}); "unknown" where the file is absent.
     */
    static String transparentHugePageMode() {
        try {
            String line = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
            int open = line.indexOf('['), close = line.indexOf(']');
            return open >= 0 && close > open ? line.substring(open + 1, close) : line.strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long field(String name) {
        return field(Path.of("/proc/self/status"), name);
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
