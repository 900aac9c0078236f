package dev.tenfold.report;

/**
 * The run and machine a set of results belongs to: the first columns of every CSV row, and the
 * environment columns (usable cores, load when the run began, CPU policy), and the suite's git commit
 * ({@code -dirty} when its tracked files had changes; null when unknown).
 */
public record RunContext(String runId, String timestamp, String host, String os, String cpuModel,
                         int physicalCores, int logicalCores, double memoryGb, String jdk, String profile,
                         int usableCores, Double loadStart, String cpuPolicy, String commit) {

    /** A context with no known suite commit (a JSON from elsewhere, a test). */
    public RunContext(String runId, String timestamp, String host, String os, String cpuModel, int physicalCores,
                      int logicalCores, double memoryGb, String jdk, String profile, int usableCores, Double loadStart,
                      String cpuPolicy) {
        this(runId, timestamp, host, os, cpuModel, physicalCores, logicalCores, memoryGb, jdk, profile, usableCores,
                loadStart, cpuPolicy, null);
    }
}
