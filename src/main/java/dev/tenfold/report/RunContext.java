package dev.tenfold.report;

/**
 * The run and machine a set of results belongs to: the first columns of every CSV row, and the
 * environment columns (usable cores, load when the run began, CPU policy).
 */
public record RunContext(String runId, String timestamp, String host, String os, String cpuModel,
                         int physicalCores, int logicalCores, double memoryGb, String jdk, String profile,
                         int usableCores, Double loadStart, String cpuPolicy) {
}
