package dev.tenfold.cli;

import static dev.tenfold.cli.RunParams.CONCURRENCY;
import static dev.tenfold.vocabulary.Variant.*;

import dev.tenfold.vocabulary.Variant;
import java.util.LinkedHashSet;
import java.util.List;

/** The plan's rows of the post's recipe in Python (runtime=python), beside the Java rows they answer. */
final class PythonPlan {
    private PythonPlan() {
    }

    /**
     * The SHA-256 chains the Python recipe runs: over 64 KiB (hashlib lets go of the GIL) and over
     * 256 bytes (it keeps it).
     */
    static final List<String> PYTHON_CPU_WORKLOADS = List.of("sha256", "sha256-small");

    /** The article's I/O case in Python: 30 requests per batch at C=10 (3 s), 3 one after the other, 3 samples each. */
    static final int ARTICLE_PYTHON_REQUESTS = 30;

    /**
     * The post's recipe in its own language (PythonIoBenchmark, PythonCpuBenchmark), beside the
     * Java rows it answers: requests one after the other, with asyncio and threads at each C and a
     * ProcessPoolExecutor of 10; both SHA-256 chains one after the other, on threads at all cores,
     * and on processes at all cores (and, on the long chain, at cores-1: the post's
     * cpu_count()-1); smoke, the long chain only. The article's requests take a second each.
     */
    static void add(SuitePlan plan, List<PlanItem> items, int latency) {
        Profile profile = plan.profile();
        int usableCores = plan.usableCores();
        boolean article = profile == Profile.ARTICLE;
        List<Integer> sweep = article || profile == Profile.SMOKE ? List.of(10)
                : plan.overrides().ints(CONCURRENCY, List.of(10));
        int samples = article ? 3 : 0;
        int batch = ARTICLE_PYTHON_REQUESTS;
        items.add(SuitePlan.io(SERIAL, 1, 1, article ? ARTICLE_PYTHON_REQUESTS / 10 : profile.serialTasks, latency)
                .inPython().withSamples(samples));
        for (Variant variant : List.of(ASYNCIO, THREADS)) {
            for (int c : sweep) {
                items.add(SuitePlan.io(variant, c, 1, article ? batch : plan.tasks(c),
                        latency).inPython().withSamples(samples));
            }
        }
        int w = 10;
        items.add(SuitePlan.io(PROCESS, w, w, article ? batch : plan.tasks(w),
                latency).inPython().withSamples(samples));
        int tasks = (profile == Profile.SMOKE ? 4 : 8) * usableCores;
        for (String workload : profile == Profile.SMOKE ? List.of("sha256") : PYTHON_CPU_WORKLOADS) {
            items.add(SuitePlan.cpu(SERIAL, 1, 1, tasks, workload).inPython());
            items.add(SuitePlan.cpu(THREADS, usableCores, 1, tasks, workload).inPython());
            // cpu_count()-1 on the first workload: the advice is about the pool, not the task
            List<Integer> counts = profile == Profile.SMOKE || !workload.equals(PYTHON_CPU_WORKLOADS.get(0))
                    ? List.of(usableCores)
                    : List.copyOf(new LinkedHashSet<>(List.of(usableCores, Math.max(1, usableCores - 1))));
            for (int n : plan.workerCounts(counts)) {
                items.add(SuitePlan.cpu(PROCESS, n, n, tasks, workload).inPython());
            }
        }
    }
}
