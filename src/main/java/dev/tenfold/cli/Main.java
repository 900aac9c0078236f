package dev.tenfold.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/**
 * Entry point of {@code ./run-benchmarks.sh}: runs the suite, or {@code compare} / {@code plot}.
 * Exit codes: 0 done; 1 a benchmark or the environment failed (what was measured is kept);
 * 2 bad input (one line on stderr).
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** How long the processes of a stopped run get to exit on their own before they are killed. */
    private static final long GRACE_MILLIS = 5_000;

    private Main() {
    }

    public static void main(String[] args) {
        // Ctrl-C, kill or a crash: the backend, the JMH fork and its worker JVMs go with this JVM.
        // (Each child also exits when its stdin closes; this makes it immediate.)
        Runtime.getRuntime().addShutdownHook(new Thread(Main::stopDescendants, "stop-descendants"));
        System.exit(execute(args));
    }

    /**
     * Asks every process the run started to stop (SIGTERM, so a JMH fork runs its shutdown hooks:
     * it deletes its temporary files and stops its own worker JVMs), then kills whatever is left
     * after {@link #GRACE_MILLIS}. The list is taken first: a worker JVM whose fork died is no
     * longer a descendant, but is still killed.
     */
    private static void stopDescendants() {
        List<ProcessHandle> started = ProcessHandle.current().descendants().toList();
        started.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (ProcessHandle process : started) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | InterruptedException e) {
                break;
            }
        }
        started.forEach(ProcessHandle::destroyForcibly);
    }

    static int execute(String... args) {
        CommandLine cli = new CommandLine(new RunCommand())
                .addSubcommand(new CompareCommand())
                .addSubcommand(new PlotCommand())
                .addSubcommand(new CalibrateCommand());
        cli.setParameterExceptionHandler((e, ignored) -> usage(e.getCommandLine().getErr(), e.getMessage()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException) {
                return usage(commandLine.getErr(), e.getMessage());
            }
            throw e;
        });
        return cli.execute(args);
    }

    private static int usage(PrintWriter err, String message) {
        err.println("tenfold: " + message + " (see --help)");
        err.flush();
        return USAGE;
    }
}
