package vlmscope.experiments;

import vlmscope.results.ResultStore;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr: done/total, rate, ETA and a status text. On a terminal it is one bar redrawn in place with
 * {@code \r} at most 4 times a second; written to a file or a pipe it is plain lines, one every 10 seconds and one at
 * the end, so a log holds no carriage returns. Every line carries an ETA. Work counted with {@link #skip} (resumed
 * from stored results) is not timed, so it does not shorten the ETA.
 */
public final class Progress {

    private static final long TERMINAL_REDRAW_NANOS = 250_000_000L;
    private static final long PLAIN_LINE_NANOS = 10_000_000_000L;

    private final String label;
    private final long total;
    private final PrintWriter out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private long done;
    private long skipped;

    public Progress(String label, long total) {
        this(label, total, new PrintWriter(System.err, true));
    }

    /** Progress on {@code out} (a command's error stream). */
    public Progress(String label, long total, PrintWriter out) {
        this(label, total, out, stderrIsTerminal());
    }

    Progress(String label, long total, PrintWriter out, boolean terminal) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.lastDraw = startNanos;
    }

    /** Counts work that was already finished (resumed) without timing it. */
    public synchronized void skip(long n) {
        done += n;
        skipped += n;
    }

    /**
     * Whether the record {@code key} is already in {@code store} (a resumed run); one that is counts as skipped work.
     */
    public boolean stored(ResultStore store, String key) {
        if (!store.has(key)) return false;
        skip(1);
        return true;
    }

    public synchronized void step(String status) {
        done++;
        long now = System.nanoTime();
        long every = terminal ? TERMINAL_REDRAW_NANOS : PLAIN_LINE_NANOS;
        if (now - lastDraw < every && done < total) return;
        lastDraw = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = (done - skipped) / Math.max(seconds, 1e-9);
        String eta = rate > 0 ? duration(Math.round((total - done) / rate)) : "?";
        if (terminal) {
            int width = 24;
            int filled = total == 0 ? width : (int) (width * done / total);
            out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d  %.1f/s  eta %s  %s   ", label, "#".repeat(filled),
                    ".".repeat(width - filled), done, total, rate, eta, status);
            if (done >= total) out.println();
        } else {
            out.printf(Locale.ROOT, "%s %d/%d  %.1f/s  eta %s  %s%n", label, done, total, rate, eta, status);
        }
        out.flush();
    }

    public synchronized void finish() {
        if (terminal && done < total) out.println();
    }

    /** "42s", "3m05s", "1h02m". */
    public static String duration(long seconds) {
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** Whether stderr goes to an interactive terminal (the JVM's console is attached to one). */
    public static boolean stderrIsTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }
}
