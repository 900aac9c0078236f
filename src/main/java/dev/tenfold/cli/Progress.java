package dev.tenfold.cli;

import java.io.PrintStream;
import java.time.Duration;

/** "[k/n] what, elapsed, ETA" across the whole suite, not only JMH's per-iteration lines. */
final class Progress {
    private final PrintStream out;
    private final int total;
    private final double estimatePerItem;
    private final long start = System.nanoTime();

    Progress(PrintStream out, int total, double estimatedSecondsPerItem) {
        this.out = out;
        this.total = total;
        this.estimatePerItem = estimatedSecondsPerItem;
    }

    void starting(int index, String what) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        // Once items have finished, their observed pace is a better guide than the profile's estimate.
        double perItem = index == 0 ? estimatePerItem : elapsed / index;
        double eta = perItem * (total - index);
        out.printf("%n>>> tenfold [%d/%d] %s | elapsed %s | ETA %s%n", index + 1, total, what,
                format(elapsed), format(eta));
        out.flush();
    }

    static String format(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutesPart(), d.toSecondsPart());
    }
}
