package dev.tenfold.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A drain never falls between the counts of one task, or between its count and its latency. */
class TrialLedgerTest {

    @Test
    void everyDrainedWindowAccountsForEveryTaskAndTimesEachOnce() throws Exception {
        TrialLedger ledger = new TrialLedger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            boolean fails = t % 2 == 0;
            recorders.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    ledger.record(1, fails ? 0 : 1, fails ? 1 : 0, 0, 0, new long[] {1_000});
                }
            }));
        }
        long attempted = 0;
        for (int i = 0; i < 20_000; i++) {
            TrialLedger.Window window = ledger.drain();
            assertEquals(
                    window.attempted(),
                    window.succeeded() + window.errors(),
                    "window " + i + ": " + window);
            assertEquals(
                    window.attempted(),
                    window.latency().getTotalCount(),
                    "window " + i + ": one latency per task");
            attempted += window.attempted();
        }
        stop.set(true);
        for (Thread t : recorders) {
            t.join();
        }
        assertTrue(attempted > 0, "the recorders ran");
    }

    @Test
    void percentilesAreTheTasksOwnAndAnUnstartedTaskIsCountedButNotTimed() {
        TrialLedger ledger = new TrialLedger();
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (i + 1) * 1_000_000L; // 1 .. 1000 ms
        }
        ledger.record(1000, 1000, 0, 0, 0, nanos);
        ledger.record(1, 0, 1, 0, 0, new long[] {-1});
        TrialLedger.Window window = ledger.drain();
        assertEquals(1001, window.attempted());
        assertEquals(1000, window.latency().getTotalCount());
        // 3 significant digits: within 0.1%
        assertEquals(500e6, window.latency().getValueAtPercentile(50), 500e3);
        assertEquals(990e6, window.latency().getValueAtPercentile(99), 990e3);
        assertEquals(1000e6, window.latency().getMaxValue(), 1000e3);
        assertEquals(500.5, window.meanLatencyMs(), 1e-9);
        assertEquals(0, ledger.drain().latency().getTotalCount(), "a drain starts a new window");
    }

    /**
     * The trial's other facts: the lower of two idle readings is the background (the first of a trial
     * replaces whatever came before), stopped children are drained once, and the window the profiler
     * opened before the trial's set-up carries over into the trial's new ledger.
     */
    @Test
    void theTrialsFactsBackgroundStoppedChildrenAndTheWindowsEdges() {
        TrialLedger ledger = new TrialLedger();
        ledger.recordBackground(0.40, true);
        ledger.recordBackground(0.10, false);
        ledger.recordBackground(0.30, false);
        assertEquals(0.10, ledger.backgroundCores(), 1e-12, "the lower reading");
        ledger.recordBackground(0.50, true);
        assertEquals(0.50, ledger.backgroundCores(), 1e-12, "a trial's first reading starts over");

        ledger.childStopped(11, 250);
        ledger.childStopped(12, 40);
        assertEquals(java.util.Map.of(11L, 250L, 12L, 40L), ledger.drainStoppedChildren());
        assertEquals(java.util.Map.of(), ledger.drainStoppedChildren(), "each stop is counted in one window");

        int[] edges = new int[2];
        TrialLedger.current().windowOpened(new TrialLedger.WindowEdges() {
            @Override
            public void start() {
                edges[0]++;
            }

            @Override
            public void end() {
                edges[1]++;
            }
        });
        TrialLedger trial = TrialLedger.open(); // the trial's set-up, after JMH opened the first window
        trial.workStartsNow();
        trial.workEndsNow();
        assertArrayEquals(new int[] {1, 1}, edges, "the open window's edges moved to the work");
        trial.windowOpened(null);
        trial.workStartsNow();
        assertArrayEquals(new int[] {1, 1}, edges, "no window, no edge");
        assertTrue(trial.warmUp() == null && trial.pipeCopyMillis() == null, "a new trial knows nothing yet");
    }
}
