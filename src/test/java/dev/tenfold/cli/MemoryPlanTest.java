package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plan on the machines the suite is for: 2 to 128 cores, 8 to 256 GiB. Every profile fits in the
 * memory it plans for (the worker JVMs capped, one heap for the run), quick stays within 10 minutes by
 * the dry run's estimate, and a plan that cannot fit is refused in one line.
 */
class MemoryPlanTest {
    private static final int[] CORES = {2, 16, 64, 128};
    private static final long[] GIB = {8, 16, 24, 64, 256};

    private static List<PlanItem> plan(Profile profile, int cores, long physicalMb, Map<String,
            List<String>> overrides) {
        return new SuitePlan(profile, overrides, cores, physicalMb).items(Pattern.compile(".*"));
    }

    @Test
    void everyProfileFitsEveryMachineWithinItsPlannedShare() {
        for (int cores : CORES) {
            for (long gib : GIB) {
                long physicalMb = gib * 1024;
                for (Profile profile : Profile.values()) {
                    List<PlanItem> plan = plan(profile, cores, physicalMb, Map.of());
                    MemoryPlan memory = MemoryPlan.of(plan, physicalMb);
                    String machine = profile + " at " + cores + " cores, " + gib + " GiB: " + memory.describe();
                    assertTrue(memory.fits(), machine);
                    assertTrue(memory.peakMb() <= physicalMb * MemoryPlan.PLANNED_SHARE, machine);
                    assertTrue(plan.stream().allMatch(i -> MemoryPlan.heapMb(i, physicalMb) >= MemoryPlan.MIN_HEAP_MB
                            && MemoryPlan.heapMb(i, physicalMb) <= MemoryPlan.MAX_HEAP_MB), machine);
                    int mostWorkers = plan.stream().mapToInt(MemoryPlan::jvms).max().orElseThrow() - 1;
                    assertTrue(mostWorkers <= Math.max(cores, 16),
                            machine + ": a worker per core, or per request in flight up to 16");
                }
            }
        }
    }

    @Test
    void bigMachinesKeepTheFullHeapAndOneWorkerPerCore() {
        List<PlanItem> full = plan(Profile.FULL, 16, 128 * 1024, Map.of());
        MemoryPlan memory = MemoryPlan.of(full, 128 * 1024);
        assertEquals(MemoryPlan.MAX_HEAP_MB, memory.smallestHeapMb(), memory.describe());
        assertEquals(17, MemoryPlan.jvms(memory.biggest()), "the fork and 16 workers");
        // 24 GiB (this VM) and 11 JVMs: that row's heap shrinks so that all of them fit, the workers stay;
        // a row of one JVM keeps 4 GiB
        List<PlanItem> onVm = plan(Profile.FULL, 2, 24 * 1024, Map.of());
        MemoryPlan vm = MemoryPlan.of(onVm, 24 * 1024);
        assertEquals(11, MemoryPlan.jvms(vm.biggest()), "io/process W=10 runs 10 workers on 2 cores too");
        assertEquals((24 * 1024 * 3 / 4 - MemoryPlan.BACKEND_MB) / 11 - MemoryPlan.JVM_OVERHEAD_MB,
                vm.smallestHeapMb());
        assertEquals(MemoryPlan.MAX_HEAP_MB, MemoryPlan.heapMb(onVm.get(0), 24 * 1024), onVm.get(0).describe());
    }

    @Test
    void aSmallMachineRunsFewerWorkerJvmsNotSmallerHeapsThanTheFloor() {
        long physicalMb = 8 * 1024;
        int most = MemoryPlan.mostWorkers(physicalMb);
        assertEquals((int) ((physicalMb * 3 / 4 - MemoryPlan.BACKEND_MB) /
                (MemoryPlan.MIN_HEAP_MB + MemoryPlan.JVM_OVERHEAD_MB)) - 1, most);
        List<PlanItem> full = plan(Profile.FULL, 128, physicalMb, Map.of());
        assertTrue(full.stream().filter(i -> i.variant().usesWorkerProcesses() && !i.python())
                .allMatch(i -> i.params().workers() <= most), "workers capped at " + most);
        assertEquals(full.size(), full.stream().distinct().count(), "cores and cores-1 capped to one count: one row");
    }

    @Test
    void aPlanThatCannotFitIsRefusedInOneLine() {
        List<PlanItem> plan = plan(Profile.FULL, 16, 8 * 1024, Map.of("workers", List.of("64")));
        MemoryPlan memory = MemoryPlan.of(plan, 8 * 1024);
        assertFalse(memory.fits(), memory.describe());
        String refusal = memory.refusal();
        assertEquals(1, refusal.lines().count());
        assertTrue(refusal.startsWith("the plan does not fit in 8.0 GiB: ") && refusal.contains("65 JVMs"), refusal);
    }

    @Test
    void quickStaysWithinTenMinutesOnAnyCoreCount() {
        for (int cores : CORES) {
            List<PlanItem> quick = plan(Profile.QUICK, cores, 64 * 1024, Map.of());
            double minutes = new TimeEstimate(Profile.QUICK, JmhPassThrough.parse(List.of()), cores).seconds(quick) /
                    60;
            assertTrue(minutes <= 10, "quick at " + cores + " cores: " + minutes + " min");
        }
    }
}
