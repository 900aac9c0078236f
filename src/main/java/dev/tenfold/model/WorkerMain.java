package dev.tenfold.model;

import dev.tenfold.workload.Task;
import dev.tenfold.workload.Workloads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The main of one worker JVM of {@link ProcessPoolModel}. Protocol over stdin/stdout, one line each:
 * the first input line is the task spec; the worker answers {@code READY}; then for every task
 * index it receives it answers {@code OK <digest>} or {@code ERR <message>}. End of stdin ends it.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String spec = in.readLine();
        if (spec == null) {
            return;
        }
        Workloads.Built built = Workloads.fromSpec(spec);
        try (AutoCloseable resources = built.resources()) {
            Task task = built.task();
            out.println("READY");
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    out.println("OK " + task.run(Integer.parseInt(line.trim())));
                } catch (Exception e) {
                    out.println("ERR " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
                out.flush();
            }
        }
        System.exit(0);
    }
}
