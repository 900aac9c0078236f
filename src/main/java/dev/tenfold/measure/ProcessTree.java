package dev.tenfold.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * CPU time and peak memory of a process and its descendants, read through OSHI (one
 * {@link SystemInfo} per JVM: creating it is expensive). The unit of accounting is a process tree
 * minus some excluded subtrees: the measured JVM with its worker JVMs, but never the backend.
 */
public final class ProcessTree {
    private static final OperatingSystem OS = Holder.SYSTEM.getOperatingSystem();

    private static final class Holder {
        static final SystemInfo SYSTEM = new SystemInfo();
    }

    private ProcessTree() {
    }

    /** Cores this JVM may use (cgroup quota, cpuset): the denominator of every CPU share. */
    public static int usableCores() {
        return Environment.usableCores();
    }

    /**
     * CPU milliseconds (user + kernel) so far of each process in the tree rooted at {@code root},
     * leaving out the processes in {@code exclude} and their descendants. Keyed by pid so that two
     * readings can be subtracted process by process.
     */
    public static Map<Integer, Long> cpuMillis(long root, Set<Long> exclude) {
        Map<Integer, Long> millis = new HashMap<>();
        for (OSProcess p : members(root, exclude)) {
            millis.put(p.getProcessID(), p.getKernelTime() + p.getUserTime());
        }
        return millis;
    }

    /**
     * CPU seconds spent between two readings of {@link #cpuMillis}: a process in both contributes
     * its difference; one that appeared in between contributes all of its time; one that ended in
     * between contributes up to its CPU time when it was stopped ({@code stopped}, by pid), if known.
     */
    public static double cpuSecondsBetween(Map<Integer, Long> before, Map<Integer, Long> after, Map<Long,
            Long> stopped) {
        long total = 0;
        for (Map.Entry<Integer, Long> e : after.entrySet()) {
            total += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        for (Map.Entry<Long, Long> e : stopped.entrySet()) {
            int pid = e.getKey().intValue();
            if (!after.containsKey(pid)) {
                total += Math.max(0, e.getValue() - before.getOrDefault(pid, 0L));
            }
        }
        return total / 1000.0;
    }

    /** The machine's 1-minute load average from the OS (getloadavg), or null where it has none. */
    static Double systemLoadAverage() {
        double load = Holder.SYSTEM.getHardware().getProcessor().getSystemLoadAverage(1)[0];
        return load < 0 ? null : load;
    }

    /** OS threads of a process, from the OS (OSHI), or 0 when it is gone. */
    static int threads(long pid) {
        OSProcess p = OS.getProcess((int) pid);
        return p == null ? 0 : p.getThreadCount();
    }

    /** Peak resident memory in MiB of the tree (VmHWM on Linux; current RSS elsewhere). */
    public static double peakRssMib(long root, Set<Long> exclude) {
        long bytes = 0;
        for (OSProcess p : members(root, exclude)) {
            bytes += peakRssBytes(p);
        }
        return bytes / (1024.0 * 1024.0);
    }

    private static List<OSProcess> members(long root, Set<Long> exclude) {
        return memberPids(root, exclude).stream().map(pid -> OS.getProcess(pid.intValue()))
                .filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The pids of the tree: {@code root} and its descendants, minus the processes in
     * {@code exclude} and their descendants (the backend, when this JVM started it).
     */
    static List<Long> memberPids(long root, Set<Long> exclude) {
        if (exclude.contains(root)) {
            return List.of();
        }
        Set<Long> excluded = new HashSet<>(exclude);
        exclude.forEach(pid -> ProcessHandle.of(pid).ifPresent(p
                -> p.descendants().forEach(d -> excluded.add(d.pid()))));
        return ProcessHandle.of(root).map(r -> java.util.stream.Stream.concat(java.util.stream.Stream.of(r),
                r.descendants())
                .map(ProcessHandle::pid).filter(pid -> !excluded.contains(pid)).toList()).orElse(List.of());
    }

    private static long peakRssBytes(OSProcess p) {
        Path status = Environment.proc(Integer.toString(p.getProcessID()), "status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException gone) {
                // the process ended between listing and reading: fall back to OSHI's figure
            }
        }
        return p.getResidentSetSize();
    }
}
