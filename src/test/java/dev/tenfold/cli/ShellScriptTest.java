package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * run-benchmarks.sh must run under macOS's bash 3.2 and pass shellcheck. Bash 3.2 is not in Debian,
 * so what it lacks or rejects is looked for in the text: associative arrays, mapfile, case
 * conversion in expansions, {@code |&} and {@code &>>}, GNU-only {@code readlink -f}, and an array
 * expanded as {@code "${a[@]}"} without the guard that keeps an empty array from being "unbound"
 * under {@code set -u}.
 */
class ShellScriptTest {
    private static final List<Path> SCRIPTS = List.of(Path.of("run-benchmarks.sh"), Path.of(".ci/run"));

    @Test
    void theScriptsUseNothingBash32LacksOrRejects() throws Exception {
        Pattern lacking =
                Pattern.compile("declare -A|local -A|mapfile|readarray|\\$\\{[^}]*(,,|\\^\\^)[^}]*}|\\|&|&>>|readlink "
                + "-f|local -n");
        Pattern arrayExpansion = Pattern.compile("\"\\$\\{(\\w+)\\[@]}\"");
        List<String> found = new ArrayList<>();
        for (Path script : SCRIPTS) {
            List<String> lines = Files.readAllLines(script);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceAll("^\\s*#.*", "");
                Matcher bad = lacking.matcher(code);
                while (bad.find()) {
                    found.add(script + ":" + (i + 1) + ": " + bad.group());
                }
                Matcher array = arrayExpansion.matcher(code);
                while (array.find()) {
                    String guard = "${" + array.group(1) + "[@]+";
                    if (!code.substring(0, array.start()).endsWith(guard)) {
                        found.add(script + ":" + (i + 1) + ": unguarded " + array.group());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "bash 3.2 lacks or rejects these");
    }

    @Test
    void theBash32CheckFindsWhatItLooksFor() {
        Pattern arrayExpansion = Pattern.compile("\"\\$\\{(\\w+)\\[@]}\"");
        Matcher m = arrayExpansion.matcher("exec java \"${OPTS[@]}\" -cp x");
        assertTrue(m.find() && m.group(1).equals("OPTS"), "an unguarded expansion is seen");
    }

    @Test
    void shellcheckPasses() throws Exception {
        assumeTrue(onPath("shellcheck"),
                "no shellcheck on PATH (Debian: apt-get install shellcheck): the scripts are not linted");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=bash"));
        SCRIPTS.forEach(s -> command.add(s.toString()));
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), out);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
