package dev.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tenfold.workload.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A baseline's small batches stride over the whole task mix: each batch an even sample, all batches every task once. */
class StridedTaskTest {
    @Test
    void tenBatchesOfTenCoverAHundredTasksOnceEachEvenlySpread() throws Exception {
        List<Integer> ran = new ArrayList<>();
        Task recorder = new Task() {
            @Override
            public long run(int index) {
                ran.add(index);
                return index;
            }

            @Override
            public String spec() {
                return "recorder";
            }
        };
        for (int batch = 0; batch < 10; batch++) {
            BatchBenchmark.Strided strided = new BatchBenchmark.Strided(recorder, batch, 10);
            for (int i = 0; i < 10; i++) {
                strided.run(i);
            }
        }
        assertEquals(List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90), ran.subList(0, 10), "the first batch samples the whole range");
        assertEquals(IntStream.range(0, 100).boxed().toList(), ran.stream().sorted().toList(), "every task once");
    }
}
