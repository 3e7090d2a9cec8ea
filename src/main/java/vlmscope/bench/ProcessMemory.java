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

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
