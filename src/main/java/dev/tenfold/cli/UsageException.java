package dev.tenfold.cli;

/** Bad input from the user (flag, value, file, unreachable backend): one line on stderr and exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
