package dev.tenfold.cli;

import java.io.PrintWriter;
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

    private Main() {
    }

    public static void main(String[] args) {
        // Ctrl-C, kill or a crash: the backend, the JMH fork and its worker JVMs go with this JVM.
        // (Each child also exits when its stdin closes; this makes it immediate.)
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly), "stop-descendants"));
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine cli = new CommandLine(new RunCommand())
                .addSubcommand(new CompareCommand())
                .addSubcommand(new PlotCommand());
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
