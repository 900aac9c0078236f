package dev.tenfold.cli;

import static dev.tenfold.cli.RunParams.WORKLOAD;

import dev.tenfold.workload.catalog.Workloads;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code -p name=v1,v2} asked for: each replaces the plan's sweep of that parameter. Checked
 * once, here: a name the plan does not take, an unknown workload or a value that is not a positive
 * whole number is a usage error.
 */
final class PlanOverrides {
    /** Parameters a user may set with -p; any other name is a usage error. */
    static final Set<String> PARAMETERS = Set.copyOf(RunParams.SETTABLE);
    /** What -p workload= accepts: the CPU workloads and the hand-off ones. */
    private static final List<String> KNOWN_WORKLOADS = Stream.concat(
            Workloads.CPU.keySet().stream(), Workloads.HANDOFF.keySet().stream()).toList();

    private final Map<String, List<String>> values;

    PlanOverrides(Map<String, List<String>> values) {
        for (String name : values.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new UsageException("unknown parameter -p " + name + " (known: "
                        + String.join(", ", RunParams.SETTABLE) + ")");
            }
            for (String value : values.get(name)) {
                if (name.equals(WORKLOAD)) {
                    if (!KNOWN_WORKLOADS.contains(value)) {
                        throw new UsageException("unknown workload -p workload=" + value + " (known: "
                                + String.join(", ", KNOWN_WORKLOADS) + ")");
                    }
                } else if (!value.matches("[1-9][0-9]{0,6}")) {
                    throw new UsageException("bad value -p " + name + "=" + value + " (a positive whole number)");
                }
            }
        }
        this.values = Map.copyOf(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The values given for {@code name}, else the plan's {@code defaults}. */
    List<String> values(String name, List<String> defaults) {
        return values.getOrDefault(name, defaults);
    }

    /** The same for a whole-number parameter. */
    List<Integer> ints(String name, List<Integer> defaults) {
        return values.containsKey(name) ? values.get(name).stream().map(Integer::valueOf).toList() : defaults;
    }
}
