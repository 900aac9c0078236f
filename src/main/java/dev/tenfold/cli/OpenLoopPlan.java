package dev.tenfold.cli;

import static dev.tenfold.cli.RunParams.RATE;
import static dev.tenfold.cli.RunParams.SLO_MS;
import static dev.tenfold.vocabulary.Variant.*;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.ArrayList;
import java.util.List;

/** The plan's open-loop rows (OpenLoopBenchmark): each I/O model offered rates from below to past its capacity. */
final class OpenLoopPlan {
    private OpenLoopPlan() {
    }

    /**
     * The open loop (OpenLoopBenchmark): per model, offered rates from below its capacity C / L to
     * past it, so the knee shows: a platform pool of 10 and the async window of 10 at half, 0.9
     * and 1.5 times C / L (the same window: the same knee, or not; at 0.95 a task 3% slower than L,
     * the client's own cost or a cold backend, already overloads it); a virtual thread per arrival
     * with 10 slots at half C / L (the third window of 10), and with 1000 (far above rate x L) at
     * half C / L, where on a small machine the CPU, not C, sets the knee. Full adds serial, one
     * server with its queue, at 1.5 times its capacity 1 / L (the pool's lesson at C = 1), the
     * virtual thread per arrival at 0.1 of C / L, and 4 worker JVMs at half and 1.5 times W / L
     * (the latency profile has no minute left for them). Smoke: the pool at half its capacity. An
     * operation is a tenth of a second of arrivals (at least 10 tasks).
     */
    static void add(SuitePlan plan, List<PlanItem> items, int latency) {
        Profile profile = plan.profile();
        double perSecond = 1000.0 / latency; // 1 / L: one in flight's capacity
        record Sweep(Variant variant, int concurrency, double... timesCapacity) {
        }
        List<Sweep> sweeps = new ArrayList<>(profile == Profile.SMOKE ? List.of(new Sweep(PLATFORM, 10, 0.5))
                : List.of(new Sweep(PLATFORM, 10, 0.5, 0.9, 1.5), new Sweep(ASYNC, 10, 0.5, 0.9, 1.5),
                        new Sweep(VIRTUAL, 10, 0.5), new Sweep(VIRTUAL, 1000, 0.5)));
        if (profile == Profile.FULL) {
            sweeps.add(0, new Sweep(SERIAL, 1, 1.5));
            sweeps.add(new Sweep(PROCESS, 4, 1.5));
        }
        for (Sweep sweep : sweeps) {
            List<Integer> rates = new ArrayList<>();
            for (double times : sweep.timesCapacity()) {
                rates.add((int) Math.round(times * sweep.concurrency() * perSecond));
            }
            for (int rate : plan.overrides().ints(RATE, rates)) {
                int c = sweep.concurrency();
                Integer slo = plan.overrides().ints(SLO_MS, List.of()).stream().findFirst().orElse(null);
                int workers = sweep.variant().usesWorkerProcesses() ? c : 1; // a worker JVM holds one request
                PlanItem item = new PlanItem(Family.IO, sweep.variant(),
                        RunParams.openLoop(c, workers, Math.max(10, rate / 10), latency, rate, slo));
                // smoke: 3 windows, not 1, so that one or two tasks ending on either side of a window's
                // edge move the achieved rate by under 2%
                items.add(profile == Profile.SMOKE ? item.withSamples(3) : item);
            }
        }
    }
}
