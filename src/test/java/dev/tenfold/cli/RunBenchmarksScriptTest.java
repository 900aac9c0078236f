package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run-benchmarks.sh against stub JDK folders (TENFOLD_JDK_DIRS replaces the install locations; PATH
 * holds only system tools). It finds a JDK 21+ by itself: a JAVA_HOME that is too old falls
 * through, a JDK without a {@code release} file is recognised by {@code java -version}, a JRE
 * without {@code javac} is skipped, and finding none is one line and exit 2. And it runs the suite
 * with the JDK it found, from where it was called: file arguments stay relative to the caller.
 */
class RunBenchmarksScriptTest {
    @TempDir
    Path dir;

    /**
     * A JDK folder whose {@code java} says its version when asked ({@code -version}), and otherwise
     * prints the directory it runs in and its arguments, one per line.
     */
    private Path fakeJdk(String name, String version, boolean releaseFile, boolean javac) throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdks").resolve(name).resolve("bin"));
        Path java = home.resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "if [ \"$1\" = -version ]; then\n"
                + "  echo 'openjdk version \"" + version + "\" 2026-01-20' >&2; exit 0\n"
                + "fi\n"
                + "echo \"cwd=$(pwd)\"\n"
                + "for a in \"$@\"; do echo \"arg=$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (javac) {
            Files.copy(java, home.resolve("javac"));
        }
        if (releaseFile) {
            Files.writeString(home.resolveSibling("release"), "JAVA_VERSION=\"" + version + "\"\n");
        }
        return home.getParent();
    }

    private record Outcome(int exit, String stdout, String stderr) {
    }

    private Outcome discover(Path javaHome) throws Exception {
        return discover(javaHome, dir.resolve("jdks") + "/*", systemTools().toString());
    }

    private Outcome discover(Path javaHome, String jdkDirs, String path) throws Exception {
        return run(Path.of("run-benchmarks.sh").toAbsolutePath().toString(), Path.of("").toAbsolutePath(), javaHome,
                jdkDirs, path, "jdk");
    }

    private Outcome run(String scriptPath, Path workingDir, Path javaHome, String jdkDirs, String path, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", scriptPath));
        command.addAll(List.of(args));
        ProcessBuilder script = new ProcessBuilder(command).directory(workingDir.toFile());
        script.environment().put("TENFOLD_JDK_DIRS", jdkDirs);
        script.environment().put("PATH", path);
        script.environment().remove("JAVA_HOME");
        if (javaHome != null) {
            script.environment().put("JAVA_HOME", javaHome.toString());
        }
        Process p = script.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        String err = new String(p.getErrorStream().readAllBytes()).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Outcome(p.exitValue(), out, err);
    }

    /**
     * A PATH of the shell tools the script uses and nothing else, so that the host's own java or javac is not found.
     */
    private Path systemTools() throws Exception {
        Path tools = dir.resolve("tools");
        if (!Files.isDirectory(tools)) {
            Files.createDirectories(tools);
            for (String tool :
                    new String[] {
                        "sed", "dirname", "readlink", "head", "cut", "find", "cat", "sh", "bash"
                    }) {
                for (String bin : new String[] {"/usr/bin/", "/bin/"}) {
                    if (Files.isExecutable(Path.of(bin + tool)) && !Files.exists(tools.resolve(tool))) {
                        Files.createSymbolicLink(tools.resolve(tool), Path.of(bin + tool));
                    }
                }
            }
        }
        return tools;
    }

    /** The links go before JUnit cleans the directory up (it warns about links that point outside it). */
    @org.junit.jupiter.api.AfterEach
    void removeToolLinks() throws Exception {
        Path tools = dir.resolve("tools");
        if (Files.isDirectory(tools)) {
            try (var links = Files.list(tools)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
        }
    }

    @Test
    void anOldJavaHomeFallsThroughToTheNewestFullJdk() throws Exception {
        Path old = fakeJdk("jdk-17", "17.0.12", true, true);
        Path noRelease = fakeJdk("jdk-21", "21.0.5", false, true);
        fakeJdk("jre-25", "25.0.1", true, false);
        fakeJdk("jdk-22-broken", "", false, true);
        Outcome found = discover(old);
        assertEquals(0, found.exit(), found.stderr());
        assertEquals(
                noRelease.toString(),
                found.stdout(),
                "JDK 21 without a release file, not JDK 17 nor the JRE 25 without javac");
    }

    @Test
    void aNewEnoughJavaHomeWins() throws Exception {
        Path home = fakeJdk("jdk-21", "21.0.5", true, true);
        fakeJdk("jdk-25", "25.0.1", true, true);
        assertEquals(home.toString(), discover(home).stdout());
    }

    @Test
    void theNewestOfSeveralJdksWins() throws Exception {
        fakeJdk("jdk-21", "21.0.5", true, true);
        Path newest = fakeJdk("jdk-25", "25.0.1", true, true);
        fakeJdk("jdk-23", "23.0.2", false, true);
        assertEquals(newest.toString(), discover(null).stdout());
    }

    /** javac on PATH as Debian installs it: a link to a link (relative, then absolute) into the JDK's bin. */
    @Test
    void javacOnPathIsFollowedThroughItsLinksToItsJdk() throws Exception {
        Path jdk = fakeJdk("jdk-21", "21.0.5", true, true);
        Path alternatives = Files.createDirectories(dir.resolve("etc/alternatives"));
        Files.createSymbolicLink(alternatives.resolve("javac"), jdk.resolve("bin/javac"));
        Path bin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(bin.resolve("javac"), Path.of("../../etc/alternatives/javac"));
        Outcome found =
                discover(null, dir.resolve("no-such-dir") + "/*", bin + ":" + systemTools());
        assertEquals(0, found.exit(), found.stderr());
        assertEquals(jdk.toString(), found.stdout());
        Files.delete(bin.resolve("javac"));
        Files.delete(alternatives.resolve("javac"));
    }

    /** Nothing anywhere: the list of candidates is empty, which bash 3.2 under set -u calls unbound unless guarded. */
    @Test
    void noCandidateAtAllIsOneLineAndExit2() throws Exception {
        Outcome none = discover(null, dir.resolve("no-such-dir") + "/*", systemTools().toString());
        assertEquals(2, none.exit(), none.stdout());
        assertTrue(none.stderr().startsWith("tenfold: needs a JDK 21 or newer"), none.stderr());
    }

    @Test
    void noJdk21IsOneLineAndExit2() throws Exception {
        Path old = fakeJdk("jdk-17", "17.0.12", true, true);
        fakeJdk("jre-25", "25.0.1", true, false);
        Outcome none = discover(old);
        assertEquals(2, none.exit(), none.stdout());
        assertEquals(1, none.stderr().lines().count(), none.stderr());
        assertTrue(none.stderr().startsWith("tenfold: needs a JDK 21 or newer"), none.stderr());
    }

    /**
     * Called by a relative path from another directory, the script builds nothing (its jar is newer
     * than its sources) and runs the suite with the JDK it found, in the caller's directory: the
     * CSVs named on the command line are the caller's.
     */
    @Test
    void fileArgumentsStayRelativeToTheCallersDirectory() throws Exception {
        Path jdk = fakeJdk("jdk-21", "21.0.5", true, true);
        Path home = Files.createDirectories(dir.resolve("suite"));
        Files.copy(Path.of("run-benchmarks.sh"), home.resolve("run-benchmarks.sh"));
        Files.createDirectories(home.resolve("src"));
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Path jar = Files.createDirectories(home.resolve("target")).resolve("benchmarks.jar");
        Files.writeString(jar, "");
        java.nio.file.attribute.FileTime past =
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(home.resolve("src"), past);
        Files.setLastModifiedTime(home.resolve("pom.xml"), past);
        Path caller = Files.createDirectories(dir.resolve("caller"));

        Outcome ran =
                run(
                        "../suite/run-benchmarks.sh",
                        caller,
                        null,
                        dir.resolve("jdks") + "/*",
                        systemTools().toString(),
                        "compare",
                        "a.csv",
                        "sub/b.csv");
        assertEquals(0, ran.exit(), ran.stderr());
        List<String> lines = ran.stdout().lines().toList();
        assertEquals(
                "cwd=" + caller.toRealPath(),
                lines.get(0),
                "the suite runs where the script was called from");
        assertEquals(
                List.of("arg=compare", "arg=a.csv", "arg=sub/b.csv"),
                lines.subList(lines.size() - 3, lines.size()),
                "the file arguments as given, relative to that directory");
        assertTrue(
                lines.contains("arg=-cp")
                        && lines.contains(
                                "arg=" + home.toRealPath().resolve("target/benchmarks.jar")),
                "the suite's own jar, by its absolute path: " + lines);
        assertTrue(
                lines.contains("arg=-Dtenfold.home=" + home.toRealPath()),
                "results/ and plots/ default to the suite's: " + lines);
        assertTrue(
                ran.stderr().isEmpty() || !ran.stderr().contains("building"),
                "nothing to build: " + ran.stderr());
        assertEquals(jdk.toString(), discover(null).stdout(), "the JDK it ran is the one it finds");
    }
}
