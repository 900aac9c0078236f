package dev.tenfold.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * recipe.py's own unit tests (src/test/python, Python's unittest against a local http.server):
 * chunked and length-less bodies, the retry of a stale kept-alive connection, bad settings, the
 * protocol. Skipped, with one line, where no python3 >= 3.8 exists.
 */
class RecipeScriptTest {

    @Test
    void recipeUnitTestsPass() throws IOException, InterruptedException {
        String python = PythonInterpreter.find().map(PythonInterpreter::command).orElse(null);
        Assumptions.assumeTrue(python != null, "no python3 >= 3.8 on this machine: recipe.py's unit tests skipped");
        // -B: no __pycache__ beside recipe.py (the sources would look newer than the jar, and the tree dirty)
        Process run = new ProcessBuilder(List.of(python, "-B", "-m", "unittest", "discover", "-s", "src/test/python",
                "-v"))
                .redirectErrorStream(true).start();
        run.getOutputStream().close();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.matches("(?s).*Ran [1-9][0-9]* tests.*OK.*"), output);
    }
}
