package dev.tenfold.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.workload.Task;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stream keeps C in flight across calls, reports every task as it ends, and is quiet once paused. */
class VirtualStreamModelTest {
    private static final int C = 8;

    /** Sleeps 5 ms; fails every tenth index; records how many run at once. */
    private static final class Probe implements Task {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicLong started = new AtomicLong();

        @Override
        public long run(int index) throws Exception {
            started.incrementAndGet();
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
                if (index % 10 == 9) {
                    throw new IllegalStateException("task " + index + " fails by design");
                }
                return index;
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public String describe() {
            return "probe";
        }
    }

    @Test
    void everyCallCountsTheNextTasksToEndWithCInFlightThroughout() throws Exception {
        Probe probe = new Probe();
        java.util.concurrent.atomic.AtomicLong reported = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong reportedErrors = new java.util.concurrent.atomic.AtomicLong();
        try (VirtualStreamModel stream = new VirtualStreamModel(C, ended -> {
            reported.addAndGet(ended.attempted());
            reportedErrors.addAndGet(ended.errors());
        })) {
            int errors = 0;
            for (int call = 0; call < 5; call++) {
                BatchResult result = stream.run(probe, 100);
                assertEquals(100, result.attempted());
                assertEquals(100, result.succeeded() + result.errors());
                errors += result.errors();
            }
            assertTrue(errors >= 40 && errors <= 60, "a tenth of 500 tasks fail, whichever ended: " + errors);
            assertEquals(C, probe.peak.get(), "C in flight, never more");
            long before = probe.started.get();
            long deadline = System.nanoTime() + 10_000_000_000L; // a generous bound: the count is the test
            while (probe.started.get() == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(probe.started.get() > before, "the stream runs between calls");

            stream.pause();
            assertEquals(0, probe.inFlight.get(), "pause waits for the tasks in flight");
            assertEquals(probe.started.get(), reported.get(), "every task that ended was reported as it ended");
            // a tenth fail by design, and no more: the pause lets the tasks in flight end, it does not
            // interrupt them (an interrupted sleep would end as an error)
            assertTrue(reported.get() > 500 && reportedErrors.get() >= reported.get() / 10 - 1
                    && reportedErrors.get() <= reported.get() / 10 + 1,
                    reported + " tasks, " + reportedErrors + " errors");
            long paused = probe.started.get();
            Thread.sleep(50); // ten task lengths of watching: a start would show
            assertEquals(paused, probe.started.get(), "nothing starts while paused");

            BatchResult resumed = stream.run(probe, 20);
            assertEquals(20, resumed.attempted(), "a run after pause starts the stream again");
        }
        assertEquals(0, probe.inFlight.get(), "close ends the stream");
    }
}
