package dev.tenfold.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The suite's git commit, for the CSV's {@code commit} column: the short hash of HEAD, with
 * {@code -dirty} when a tracked file had changes (untracked files, such as the run's own results,
 * do not count). Null where it cannot be told (no git, not a clone).
 */
final class SuiteCommit {
    private SuiteCommit() {
    }

    static String of(Path home) {
        String head = git(home, "rev-parse", "--short=12", "HEAD");
        if (head == null || head.isBlank()) {
            return null;
        }
        String changes = git(home, "status", "--porcelain", "--untracked-files=no");
        return head.strip() + (changes == null || changes.isBlank() ? "" : "-dirty");
    }

    private static String git(Path home, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = home.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
