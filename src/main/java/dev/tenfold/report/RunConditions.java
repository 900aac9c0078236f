package dev.tenfold.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** compare's list of what differs between two runs besides the machine itself. */
final class RunConditions {
    private RunConditions() {
    }

    /**
     * What differs between two runs besides the machine itself: each alone can move a figure. The
     * machine's own identity (CPU, cores, memory) is printed above; these are the settings.
     */
    static List<String> differences(List<ResultRow> base, List<ResultRow> other, int index) {
        List<String> out = new ArrayList<>();
        ResultRow a = base.get(0);
        ResultRow b = other.get(0);
        differs(out, "profile", a, b, ResultRow::profile);
        differs(out, "JDK", a, b, ResultRow::jdk);
        differs(out, "usable cores", a, b, ResultRow::usableCores);
        differs(out, "logical cores", a, b, ResultRow::logicalCores);
        differs(out, "CPU", a, b, ResultRow::cpuModel);
        differs(out, "CPU policy", a, b, ResultRow::cpuPolicy);
        for (int i = 0; i < 2; i++) {
            List<ResultRow> rows = i == 0 ? base : other;
            if (rows.stream().anyMatch(ResultRow::busyMachine)) {
                out.add("[" + (i == 0 ? 0 : index) + "] ran on a BUSY machine (load " + rows.get(0).loadStart()
                        + " per usable core at start, or > 5% CPU stolen)");
            }
        }
        Map<String, Integer> tasksA = tasksByRow(base);
        Map<String, Integer> tasksB = tasksByRow(other);
        long differentBatches = tasksA.keySet().stream().filter(k -> tasksB.containsKey(k)
                && !Objects.equals(tasksA.get(k), tasksB.get(k))).count();
        if (differentBatches > 0) {
            out.add(differentBatches + " row(s) measured with other batch sizes (tasks): not joined");
        }
        return out;
    }

    private static <T> void differs(List<String> out, String what, ResultRow a, ResultRow b, Function<ResultRow,
            T> field) {
        T x = field.apply(a);
        T y = field.apply(b);
        if (x != null && y != null && !x.equals(y)) {
            out.add(what + " " + y + " vs " + x);
        }
    }

    /** Tasks per batch of each row, keyed by everything but the batch size. */
    private static Map<String, Integer> tasksByRow(List<ResultRow> rows) {
        Map<String, Integer> map = new LinkedHashMap<>();
        rows.forEach(r -> map.putIfAbsent(String.join("|", String.valueOf(r.runtime()), r.family().toString(),
                r.workload(), r.variant().toString(),
                String.valueOf(r.concurrency()), String.valueOf(r.workers()), String.valueOf(r.latencyMs())),
                r.tasks()));
        return map;
    }
}
