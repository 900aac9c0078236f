package dev.tenfold.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A drain never falls between the counts of one task: every window accounts for each of its tasks. */
class TaskTallyTest {

    @Test
    void everyDrainedWindowAccountsForEveryTask() throws Exception {
        TaskTally.drain();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            boolean fails = t % 2 == 0;
            recorders.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    TaskTally.record(1, fails ? 0 : 1, fails ? 1 : 0, 0, 0, 1_000);
                }
            }));
        }
        long attempted = 0;
        for (int i = 0; i < 20_000; i++) {
            TaskTally.Snapshot window = TaskTally.drain();
            assertEquals(window.attempted(), window.succeeded() + window.errors(), "window " + i + ": " + window);
            attempted += window.attempted();
        }
        stop.set(true);
        for (Thread t : recorders) {
            t.join();
        }
        TaskTally.drain();
        assertTrue(attempted > 0, "the recorders ran");
    }
}
