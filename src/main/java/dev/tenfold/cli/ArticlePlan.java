package dev.tenfold.cli;

import static dev.tenfold.vocabulary.Variant.*;

import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.resilience.ResilientItemTask.Endpoint;
import dev.tenfold.workload.resilience.RetryPolicy;
import java.util.LinkedHashSet;
import java.util.List;

/** The plan of {@code --profile article}: the blog post's own cases, in Java and in Python. */
final class ArticlePlan {
    private ArticlePlan() {
    }

    /** The article's headline case: 120 requests, each answered after 1 s. */
    static final int ARTICLE_REQUESTS = 120;
    static final int ARTICLE_LATENCY_MS = 1000;

    /**
     * The blog post's own cases, as it states them: 120 requests of 1 s one after the other (about
     * two minutes: one sample, by nature) against 10 in flight with each I/O model ("12 seconds");
     * its CPU advice, cpu_count()-1 worker JVMs against cpu_count() (and threads at all cores), on
     * SHA-256 chains; its backoff (0.1 x 2^attempt s) against no retry on the rate-limited endpoint
     * at 10 K in flight.
     */
    static void add(SuitePlan plan, List<PlanItem> items) {
        int usableCores = plan.usableCores();
        int requests = ARTICLE_REQUESTS;
        int latency = ARTICLE_LATENCY_MS;
        items.add(SuitePlan.io(SERIAL, 1, 1, requests, latency).withSamples(1));
        for (Variant variant : List.of(PLATFORM, VIRTUAL, ASYNC)) {
            items.add(SuitePlan.io(variant, 10, 1, requests, latency).withSamples(3)); // 12 s each
        }
        int tasks = 8 * usableCores;
        List<Integer> counts = List.copyOf(new LinkedHashSet<>(List.of(usableCores, Math.max(1, usableCores - 1))));
        items.add(SuitePlan.cpu(SERIAL, 1, 1, tasks, "sha256"));
        items.add(SuitePlan.cpu(PLATFORM, usableCores, 1, tasks, "sha256"));
        for (int n : plan.workerCounts(counts)) {
            items.add(SuitePlan.cpu(PROCESS, n, n, tasks, "sha256")); // the post's advice is about processes
        }
        // The Java side of the Python rows' GIL-bound chain
        items.add(SuitePlan.cpu(SERIAL, 1, 1, tasks, "sha256-small"));
        items.add(SuitePlan.cpu(PLATFORM, usableCores, 1, tasks, "sha256-small"));
        items.add(SuitePlan.resilience(SERIAL, 1, 10, SuitePlan.DEFAULT_LATENCY_MS, Endpoint.LIMITED,
                RetryPolicy.NO_RETRY));
        for (RetryPolicy policy : List.of(RetryPolicy.NO_RETRY, RetryPolicy.RETRY)) {
            items.add(SuitePlan.resilience(VIRTUAL, 10 * SuitePlan.RATE_LIMIT,
                    plan.resilienceTasks(10 * SuitePlan.RATE_LIMIT), SuitePlan.DEFAULT_LATENCY_MS,
                    Endpoint.LIMITED, policy));
        }
        PythonPlan.add(plan, items, latency);
    }
}
