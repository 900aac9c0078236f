package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run-benchmarks.sh finds a JDK 21+ by itself, against fake JDK folders (TENFOLD_JDK_DIRS replaces
 * the install locations; PATH holds only system tools): a JAVA_HOME that is too old falls through,
 * a JDK without a {@code release} file is recognised by {@code java -version}, a JRE without
 * {@code javac} is skipped, and finding none is one line and exit 2.
 */
class JdkDiscoveryTest {
    @TempDir
    Path dir;

    private Path fakeJdk(String name, String version, boolean releaseFile, boolean javac) throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdks").resolve(name).resolve("bin"));
        Path java = home.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2026-01-20' >&2\n");
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
        ProcessBuilder script = new ProcessBuilder("/bin/bash", Path.of("run-benchmarks.sh").toAbsolutePath().toString(), "jdk");
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

    /** A PATH of the shell tools the script uses and nothing else, so that the host's own java or javac is not found. */
    private Path systemTools() throws Exception {
        Path tools = dir.resolve("tools");
        if (!Files.isDirectory(tools)) {
            Files.createDirectories(tools);
            for (String tool : new String[] {"sed", "dirname", "readlink", "head", "cut", "find", "cat", "sh", "bash"}) {
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
        assertEquals(noRelease.toString(), found.stdout(), "JDK 21 without a release file, not JDK 17 nor the JRE 25 without javac");
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
        Outcome found = discover(null, dir.resolve("no-such-dir") + "/*", bin + ":" + systemTools());
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
}
