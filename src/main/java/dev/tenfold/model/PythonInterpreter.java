package dev.tenfold.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code python3} the Python rows run on: {@code $TENFOLD_PYTHON}, else {@code python3} on the
 * PATH, when it is 3.8 or newer (the recipe uses only the standard library of 3.8). The CLI finds
 * it once and hands it to the forks as {@value #PROPERTY}.
 */
public record PythonInterpreter(String command, String version) {
    /** System property of a fork: the interpreter the CLI found. */
    public static final String PROPERTY = "tenfold.python";
    static final String ENVIRONMENT = "TENFOLD_PYTHON";

    /** The interpreter to use, or empty (with no Python rows to run, then). */
    public static Optional<PythonInterpreter> find() {
        String named = System.getenv(ENVIRONMENT);
        return probe(named == null || named.isBlank() ? "python3" : named);
    }

    /** {@code command} as an interpreter when it runs and is 3.8 or newer; empty otherwise. */
    public static Optional<PythonInterpreter> probe(String command) {
        try {
            Process process = new ProcessBuilder(command, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 && atLeast38(version)
                    ? Optional.of(new PythonInterpreter(command, version)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static boolean atLeast38(String version) {
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            return false;
        }
        List<Integer> parts = java.util.Arrays.stream(version.split("\\.")).map(Integer::valueOf).toList();
        return parts.get(0) > 3 || (parts.get(0) == 3 && parts.get(1) >= 8);
    }

    /** In a fork: the interpreter the CLI passed, or {@code python3}. */
    public static String forThisJvm() {
        return System.getProperty(PROPERTY, "python3");
    }
}
