package dev.tenfold.cli;

import dev.tenfold.backend.Backend;
import java.io.IOException;

/**
 * The run's backend, started again when it dies under a benchmark: a crash costs that benchmark's
 * attempt, not the run. The benchmark in flight is run once more on the new backend (each fork
 * installs its stubs again); a death on that second attempt too stops the run. A backend given
 * with --backend-url is not ours to start, so its death stops the run.
 */
final class SupervisedBackend implements AutoCloseable {
    private Backend current;
    private final boolean ours;

    SupervisedBackend(Backend first) {
        this.current = first;
        this.ours = first.pid().isPresent();
    }

    Backend current() {
        return current;
    }

    /** One line on how the backend died, or null while it runs (or when it is not ours to watch). */
    String death() {
        return current.death();
    }

    /** A backend of our own can be started again. */
    boolean restartable() {
        return ours;
    }

    /** Starts a new backend JVM in place of the dead one. */
    Backend restart() throws IOException {
        current.close();
        current = Backend.start();
        return current;
    }

    @Override
    public void close() {
        current.close();
    }
}
