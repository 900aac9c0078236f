package dev.tenfold.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.workload.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A server that stops answering for one second, measured the two ways: the open loop (arrivals on a
 * timer, latency from each one's intended start) shows the stall in the share of requests it
 * delayed, as a load tool without coordinated omission does; the closed loop (C in flight, the next
 * request sent when one ends) sends almost nothing while the server is stalled, so only the C
 * requests caught in it show the delay: coordinated omission. Counts of tasks carry the assertions.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class CoordinatedOmissionTest {
    private static final long L_MILLIS = 20;
    private static final long STALL_MILLIS = 1000;

    /** A server stand-in: answers after L, and while stalled answers nothing until the stall ends. */
    private static final class StallingServer implements Task {
        private volatile long stallStart = Long.MAX_VALUE;
        private volatile long stallEnd = Long.MAX_VALUE;

        /** Stalls from {@code delayMillis} from now, for {@value #STALL_MILLIS} ms. */
        void stallIn(long delayMillis) {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            stallEnd = start + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
            stallStart = start;
        }

        @Override
        public long run(int index) throws Exception {
            Thread.sleep(L_MILLIS);
            long now = System.nanoTime();
            if (now >= stallStart && now < stallEnd) {
                TimeUnit.NANOSECONDS.sleep(stallEnd - now);
            }
            return index;
        }

        @Override
        public String describe() {
            return "stalling-server";
        }
    }

    /** The share of tasks that took more than 2 L: delayed by the stall (no other task comes near it). */
    private static double delayedShare(List<Long> latencyNanos) {
        long delayed = latencyNanos.stream().filter(n -> n > TimeUnit.MILLISECONDS.toNanos(2 * L_MILLIS)).count();
        return (double) delayed / latencyNanos.size();
    }

    private static List<Long> list(long[] nanos) {
        List<Long> all = new ArrayList<>();
        for (long n : nanos) {
            all.add(n);
        }
        return all;
    }

    @Test
    void theOpenLoopShowsTheStallInTheShareOfRequestsItDelayed() throws Exception {
        StallingServer server = new StallingServer();
        int rate = 100;
        int tasks = 300; // 3 s of arrivals: the stall is a third of them
        try (OpenLoopModel open = new OpenLoopModel(new PlatformPoolModel(10), rate, one -> { })) {
            open.run(server, 20); // arrivals under way
            server.stallIn(800);
            BatchResult result = open.run(server, tasks); // 3 s of arrivals, and the tasks that ended in them
            int ended = result.attempted();
            assertEquals(ended, result.succeeded());
            double stallShare = (double) STALL_MILLIS / 1000 * rate / ended;
            double delayed = delayedShare(list(result.latencyNanos()));
            // every arrival due in the stall waits for its end; only those due in its last L escape 2 L
            assertTrue(delayed >= stallShare - (double) L_MILLIS / 1000 * rate / ended - 1.0 / ended,
                    "the open loop saw " + delayed + " of its requests delayed by a stall of " + stallShare
                    + " of its arrivals");
            long longest = java.util.Arrays.stream(result.latencyNanos()).max().orElseThrow();
            assertTrue(longest >= TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS),
                    "the first request due in the stall waited it out");
        }
    }

    @Test
    void theClosedLoopHidesTheStallCoordinatedOmission() throws Exception {
        StallingServer server = new StallingServer();
        List<Long> latencies = new ArrayList<>();
        try (PlatformPoolModel pool = new PlatformPoolModel(10)) {
            pool.run(server, 20);
            server.stallIn(800);
            // as many tasks as the open loop's 3 s: 10 in flight at 20 ms each send 500/s, so the
            // stall holds a third of the time but only the requests in flight when it began
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end) {
                latencies.addAll(list(pool.run(server, 100).latencyNanos()));
            }
        }
        double delayed = delayedShare(latencies);
        double stallShareOfTime = STALL_MILLIS / 3000.0;
        assertTrue(delayed > 0, "the requests caught in the stall waited it out");
        assertTrue(delayed < stallShareOfTime / 10, "the closed loop saw " + delayed + " of " + latencies.size()
                + " requests delayed by a stall of " + stallShareOfTime
                + " of its time: it stopped sending while stalled");
    }
}
