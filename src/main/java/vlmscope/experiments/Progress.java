package vlmscope.experiments;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr: done/total, rate, ETA and a status text; redrawn at most 4 times a second. */
public final class Progress {

    private final String label;
    private final long total;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private long done;

    public Progress(String label, long total) {
        this(label, total, System.err);
    }

    Progress(String label, long total, PrintStream out) {
        this.label = label;
        this.total = total;
        this.out = out;
    }

    /** Counts work that was already finished (resumed) without timing it. */
    public synchronized void skip(long n) {
        done += n;
    }

    public synchronized void step(String status) {
        done++;
        long now = System.nanoTime();
        if (now - lastDraw < 250_000_000L && done < total) return;
        lastDraw = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        int width = 24;
        int filled = total == 0 ? width : (int) (width * done / total);
        out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d  %.1f/s  eta %ds  %s   ", label, "#".repeat(filled),
                ".".repeat(width - filled), done, total, rate, eta, status);
        if (done >= total) out.println();
        out.flush();
    }

    public synchronized void finish() {
        if (done < total) out.println();
    }
}
