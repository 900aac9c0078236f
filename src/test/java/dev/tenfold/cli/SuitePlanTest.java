package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.resilience.ResilientItemTask.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SuitePlanTest {
    private static final Pattern ALL = Pattern.compile(".*");

    private static List<PlanItem> plan(Profile profile, Map<String, List<String>> overrides, String include) {
        return new SuitePlan(profile, overrides, 2).items(Pattern.compile(include));
    }

    @Test
    void theLatencyProfileSweepsEachOpenLoopModelFromBelowToPastItsCapacityWithinTenMinutes() {
        List<PlanItem> items = plan(Profile.LATENCY, Map.of(), ".*");
        assertTrue(items.stream().allMatch(PlanItem::openLoop), "the open loop only");
        Map<String, List<PlanItem>> byModel = items.stream().collect(Collectors.groupingBy(i -> i.id() + " C="
                + i.params().concurrency()));
        assertEquals(Set.of("open-loop/platform C=10", "open-loop/async C=10", "open-loop/virtual C=10",
                "open-loop/virtual C=1000"),
                byModel.keySet());
        assertEquals(3, items.stream().filter(i -> i.params().rate() == 100).count(),
                "three windows of 10 at half their capacity, for the percentile spectrum at one rate");
        byModel.forEach((model, sweep) -> {
            double capacity = sweep.get(0).params().concurrency() * 1000.0 / 50;
            assertTrue(sweep.stream().anyMatch(i -> i.params().rate() < capacity), model + ": a rate below C / L");
            assertTrue(model.contains("virtual") || sweep.stream().anyMatch(i -> i.params().rate() > capacity),
                    model + ": a rate past C / L (a virtual thread per arrival meets the CPU first)");
        });
        assertTrue(items.stream().allMatch(i -> i.benchmark().startsWith("dev.tenfold.bench.OpenLoopBenchmark.")));
        double minutes = new TimeEstimate(Profile.LATENCY, JmhPassThrough.parse(List.of()), 2).seconds(items) / 60;
        assertTrue(minutes <= 10, "the latency profile's budget on 2 cores: " + minutes + " min");
        assertEquals(List.of(150), plan(Profile.LATENCY, Map.of("rate", List.of("150")), "platform").stream()
                .map(i -> i.params().rate()).toList(), "-p rate= replaces the sweep");
    }

    /** full fits its 150 minutes on this 2-core VM by --dry-run's estimate, and keeps every family's claims. */
    @Test
    void theFullProfileFitsItsBudgetOnTwoCores() {
        List<PlanItem> full = plan(Profile.FULL, Map.of(), ".*");
        double minutes = new TimeEstimate(Profile.FULL, JmhPassThrough.parse(List.of()), 2).seconds(full) / 60;
        assertTrue(minutes <= 150, "full's budget on 2 cores: " + minutes + " min");
        Set<String> ids = full.stream().map(PlanItem::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("io/process", "cpu/forkjoin", "mixed/split-process", "resilience/virtual",
                "open-loop/process", "python/cpu/process", "python/io/asyncio")), ids.toString());
        assertEquals(Set.of(1, 2), full.stream().filter(i -> i.id().equals("cpu/platform")
                && "sha256".equals(i.params().workload())).map(i -> i.params().concurrency())
                .collect(Collectors.toSet()), "cores and cores-1 on the first workload");
    }

    @Test
    void smokeRunsEveryIoModelOnceAtTen() {
        List<PlanItem> items = plan(Profile.SMOKE, Map.of(), "^io/");
        Set<String> ids = items.stream().map(PlanItem::id).collect(Collectors.toSet());
        assertEquals(Set.of("io/serial", "io/platform", "io/virtual", "io/async", "io/process"), ids);
        Set<Integer> virtualC = items.stream().filter(i -> i.id().equals("io/virtual"))
                .map(i -> i.params().concurrency()).collect(Collectors.toSet());
        assertEquals(Set.of(10), virtualC);
        Set<Integer> processWorkers = items.stream().filter(i -> i.id().equals("io/process"))
                .map(i -> i.params().workers()).collect(Collectors.toSet());
        assertEquals(Set.of(10), processWorkers);
    }

    @Test
    void batchesAreTenTimesConcurrencyAndProcessWorkersFollowTheArticle() {
        List<PlanItem> items = plan(Profile.QUICK, Map.of(), "^io/");
        for (PlanItem item : items) {
            int c = item.params().concurrency();
            int tasks = item.params().tasks();
            if (item.variant() != Variant.SERIAL) {
                assertTrue(tasks >= 10 * c, item.describe());
            }
        }
        // quick: the article's C=10 and every thread model, 3 forks each; full: C=10 to 1000 and worker JVMs:
        // one per request in flight at the article's C=10, and cores-1 (the article's advice) unless that is
        // one (on two cores: serial in another JVM)
        assertEquals(List.of("io/serial", "io/platform", "io/virtual", "io/async"),
                items.stream().map(PlanItem::id).toList());
        assertEquals(Set.of(10), items.stream().filter(i -> i.variant() != Variant.SERIAL)
                .map(i -> i.params().concurrency()).collect(Collectors.toSet()), "C=100 and up only in full");
        assertEquals(Set.of(10, 100, 1000), plan(Profile.FULL, Map.of(), "^io/virtual").stream()
                .map(i -> i.params().concurrency()).collect(Collectors.toSet()));
        assertEquals(Set.of(10), plan(Profile.FULL, Map.of(), "^io/process").stream()
                .map(i -> i.params().workers()).collect(Collectors.toSet()));
        assertEquals(Set.of(3, 10), new SuitePlan(Profile.FULL, Map.of(), 4).items(Pattern.compile("^io/process"))
                .stream().map(i -> i.params().workers()).collect(Collectors.toSet()), "cores-1 on 4 cores");
    }

    @Test
    void overridesReplaceSweepsAndIncludeFilters() {
        List<PlanItem> items = plan(Profile.QUICK, Map.of("concurrency", List.of("7"), "latencyMs", List.of("20")),
                "io/virtual");
        assertEquals(1, items.size());
        assertEquals(7, items.get(0).params().concurrency());
        assertEquals(20, items.get(0).params().latencyMs());
        assertEquals("dev.tenfold.bench.IoBenchmark.virtual", items.get(0).benchmark());
    }

    @Test
    void smokeRunsEveryCpuModelOnceAndQuickEveryWorkload() {
        List<PlanItem> smoke = plan(Profile.SMOKE, Map.of(), "^cpu/");
        assertEquals(Set.of("cpu/serial", "cpu/platform", "cpu/virtual", "cpu/forkjoin", "cpu/process"),
                smoke.stream().map(PlanItem::id).collect(Collectors.toSet()));
        List<PlanItem> quick = plan(Profile.QUICK, Map.of(), "^cpu/");
        assertEquals(List.of("cpu/serial", "cpu/platform"), quick.stream().map(PlanItem::id).toList(),
                "sha256, threads at all cores");
        assertEquals(Set.of("sha256"), quick.stream().map(i -> i.params().workload()).collect(Collectors.toSet()));
        List<PlanItem> full = plan(Profile.FULL, Map.of(), "^cpu/");
        assertEquals(Set.of("sha256", "sha256-small", "downscale", "matmul", "handoff-pipe", "handoff-mmap"),
                full.stream().map(i -> i.params().workload()).collect(Collectors.toSet()));
        // 2 cores: threads at cores (2) and at cores-1 (1), the article's advice; worker JVMs at cores (a pool of
        // one is serial in another JVM); every model on the first workload, serial against threads on the others
        assertEquals(Set.of(1, 2), full.stream().filter(i -> i.variant() == Variant.PLATFORM)
                .map(i -> i.params().concurrency()).collect(Collectors.toSet()));
        assertEquals(Set.of(2), full.stream().filter(i -> i.variant() == Variant.PROCESS)
                .map(i -> i.params().workers()).collect(Collectors.toSet()));
        assertEquals(Set.of("sha256"), full.stream().filter(i -> i.variant() == Variant.VIRTUAL
                || i.variant() == Variant.FORKJOIN || i.variant() == Variant.PROCESS
                && !i.params().workload().startsWith("handoff")).map(i -> i.params().workload())
                .collect(Collectors.toSet()));
        assertTrue(quick.stream().allMatch(i -> i.params().tasks() >= 4 * 2));
        assertThrows(UsageException.class, () -> plan(Profile.QUICK, Map.of("workload", List.of("bitcoin")), ".*"));
    }

    @Test
    void resilienceSweepsEveryPolicyBelowAtAndPastTheLimit() {
        assertEquals(List.of(), plan(Profile.QUICK, Map.of(), "^resilience/"),
                "quick's 10 minutes hold 3 forks of the other families");
        List<PlanItem> all = plan(Profile.FULL, Map.of(), "^resilience/");
        Set<String> limitedRuns = all.stream().filter(i -> i.params().endpoint() == Endpoint.LIMITED)
                .filter(i -> i.variant() == Variant.VIRTUAL)
                .map(i -> i.params().policy().label() + "@" + i.params().concurrency()).collect(Collectors.toSet());
        Set<String> expected = new java.util.HashSet<>();
        for (String policy : List.of("no-retry", "retry", "adaptive")) {
            expected.add(policy + "@500");
        }
        expected.add("no-retry@50");
        // at K once (a 429 is rare: every policy does what no-retry does), every policy at 10 K (full's 150
        // minutes; -p concurrency= puts below K, 2 K, the other policies at K and the cold start back)
        assertEquals(expected, limitedRuns);
        assertTrue(plan(Profile.FULL, Map.of("concurrency", List.of("10")), "^resilience/").stream()
                .filter(i -> i.variant() == Variant.VIRTUAL).count() > 1, "-p concurrency=10 runs every policy there");
        assertTrue(plan(Profile.FULL, Map.of("concurrency", List.of("500")), "^resilience/").stream()
                .anyMatch(i -> i.params().policy().label().equals("adaptive-cold")), "-p concurrency=500: cold start");
        List<PlanItem> full = plan(Profile.FULL, Map.of(), "^resilience/").stream()
                .filter(i -> i.params().endpoint() == Endpoint.LIMITED && i.variant() == Variant.VIRTUAL).toList();
        assertEquals(4, full.size());
        // an operation of the stream is 20 min(C, K) tasks: one second of K/L = 1000/s
        assertEquals(Set.of(200, 1000), plan(Profile.FULL, Map.of("concurrency", List.of("10", "500")), "^resilience/")
                .stream().filter(i -> i.variant() == Variant.VIRTUAL).map(i -> i.params().tasks())
                .collect(Collectors.toSet()));
        assertEquals(1, all.stream().filter(i -> i.variant() == Variant.SERIAL).count(), "one serial baseline");
        assertEquals(Set.of("no-retry", "retry"), all.stream().filter(i -> i.params().endpoint() == Endpoint.FLAKY)
                .map(i -> i.params().policy().label()).collect(Collectors.toSet()));
        assertTrue(all.stream().allMatch(i -> i.params().limit() == 50));
        assertEquals("dev.tenfold.bench.ResilienceBenchmark.virtual", all.get(1).benchmark());
    }

    @Test
    void mixedRunsEveryCombinationAndBothStagesAtTheSameC() {
        List<PlanItem> quick = plan(Profile.QUICK, Map.of(), "^mixed/");
        assertEquals(List.of("mixed/serial", "mixed/split", "mixed/pipeline"),
                quick.stream().map(PlanItem::id).toList(),
                "the article's split against the pipeline");
        List<PlanItem> full = plan(Profile.FULL, Map.of(), "^mixed/");
        assertEquals(Set.of("serial", "one-pool", "virtual", "split", "split-process", "pipeline", "io-stage",
                "cpu-stage"),
                full.stream().map(i -> i.variant().toString()).collect(Collectors.toSet()));
        assertTrue(quick.stream().filter(i -> i.variant() != Variant.SERIAL)
                .allMatch(i -> i.params().concurrency() == 10 && i.params().workers() == 2));
        assertEquals("dev.tenfold.bench.MixedBenchmark.splitProcess",
                full.stream().filter(i -> i.variant() == Variant.SPLIT_PROCESS).findFirst().orElseThrow().benchmark());
        for (Profile profile : List.of(Profile.SMOKE, Profile.QUICK, Profile.FULL)) { // article has no mixed work
            List<PlanItem> mixed = plan(profile, Map.of(), "^mixed/");
            PlanItem serial = mixed.stream().filter(i -> i.variant() == Variant.SERIAL).findFirst().orElseThrow();
            assertTrue(mixed.stream().filter(i -> i.variant() != Variant.SERIAL)
                    .allMatch(i -> serial.params().mix() != null && i.params().tasks() == serial.params().mix()),
                    profile + ": serial strides over the images the combinations run: " + mixed);
        }
    }

    @Test
    void benchmarkNamesFollowTheVariant() {
        assertEquals("dev.tenfold.bench.MixedBenchmark.onePool",
                new PlanItem(Family.MIXED, Variant.ONE_POOL, RunParams.mixed(10, 2, 100, 50, null)).benchmark());
    }

    @Test
    void unknownParameterIsAUsageError() {
        assertThrows(UsageException.class, () -> plan(Profile.QUICK, Map.of("threads", List.of("4")), ".*"));
        assertThrows(UsageException.class, () -> plan(Profile.QUICK, Map.of("tasks", List.of("0")), ".*"));
    }

    /**
     * The article's own cases: its literal two-minute serial run (one sample), C=10 per I/O model, its CPU and backoff
     * advice.
     */
    @Test
    void theArticleProfileRunsThePostsOwnCases() {
        List<PlanItem> article = plan(Profile.ARTICLE, Map.of(), ".*").stream().filter(i -> !i.python()).toList();
        PlanItem serial = article.get(0);
        assertEquals("io/serial", serial.id());
        assertEquals(RunParams.io(1, 1, 120, 1000), serial.params());
        assertEquals(Map.of("concurrency", "1", "workers", "1", "tasks", "120", "latencyMs", "1000"),
                serial.params().jmhParams(), "JMH's strings, the parameters this run's benchmark has and no other");
        assertEquals(1, serial.samples(), "two minutes of serial requests: one sample");
        assertEquals(120.0, serial.minimumBatchSeconds(), 1e-9);
        assertEquals(Set.of("io/platform", "io/virtual", "io/async"), article.stream()
                .filter(i -> i.family() == Family.IO && i.params().concurrency() ==
                10).map(PlanItem::id).collect(Collectors.toSet()));
        assertTrue(article.stream().filter(i -> i.family() == Family.IO && i != serial).allMatch(i -> i.samples() == 3),
                "three batches of 12 s at C=10");
        assertTrue(article.stream().filter(i -> i.family() != Family.IO).allMatch(i -> i.samples() == 0),
                "the others: the profile's 8");
        assertEquals(Set.of(1, 2), article.stream().filter(i -> i.id().equals("cpu/process"))
                .map(i -> i.params().workers()).collect(Collectors.toSet()),
                "cpu_count()-1 and cpu_count() on 2 cores");
        assertEquals(Set.of("no-retry", "retry"), article.stream().filter(i -> i.id().equals("resilience/virtual"))
                .map(i -> i.params().policy().label()).collect(Collectors.toSet()));
    }

    /**
     * The post's recipe in Python, beside the Java rows: article (at its 1 s latency), full and smoke; quick has no
     * time for it.
     */
    @Test
    void thePythonRecipeRunsBesideTheJavaRows() {
        List<PlanItem> article = plan(Profile.ARTICLE, Map.of(), "^python/");
        assertEquals(List.of("python/io/serial", "python/io/asyncio", "python/io/threads", "python/io/process",
                "python/cpu/serial", "python/cpu/threads", "python/cpu/process", "python/cpu/process",
                "python/cpu/serial", "python/cpu/threads", "python/cpu/process"),
                article.stream().map(PlanItem::id).toList());
        assertEquals(List.of("sha256", "sha256-small"), article.stream().filter(i -> i.family() == Family.CPU)
                .map(i -> i.params().workload()).distinct().toList(),
                "the chain that lets go of the GIL, and the one that keeps it");
        assertEquals(Set.of("serial", "platform"), plan(Profile.ARTICLE, Map.of(), "^cpu/").stream()
                .filter(i -> i.params().workload().equals("sha256-small")).map(i
                -> i.variant().toString()).collect(Collectors.toSet()),
                "Java's figures beside Python's on the short chain");
        assertTrue(article.stream().filter(i -> i.family() == Family.IO)
                .allMatch(i -> i.params().latencyMs() == 1000 && i.samples() == 3),
                "the post's 1 s requests, 3 samples");
        assertEquals(Set.of(1, 2), article.stream().filter(i -> i.id().equals("python/cpu/process"))
                .map(i -> i.params().workers()).collect(Collectors.toSet()),
                "cpu_count()-1 and cpu_count() on 2 cores");
        assertEquals("dev.tenfold.bench.PythonIoBenchmark.asyncio", article.get(1).benchmark());
        assertEquals("dev.tenfold.bench.PythonCpuBenchmark.process", article.get(6).benchmark());
        assertTrue(plan(Profile.QUICK, Map.of(), ".*").stream().noneMatch(PlanItem::python));
        assertEquals(7, plan(Profile.SMOKE, Map.of(), "^python/").size(), "smoke: each Python benchmark once");
        assertEquals(List.of(10), plan(Profile.FULL, Map.of(), "^python/io/asyncio").stream()
                .map(i -> i.params().concurrency()).toList(), "the article's C; -p concurrency= for more");
        assertTrue(plan(Profile.SMOKE, Map.of(), "^io/").stream().noneMatch(PlanItem::python),
                "io/ means Java's io family");
    }
}
