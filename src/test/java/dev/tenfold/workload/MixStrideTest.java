package dev.tenfold.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A baseline's small batches stride over the whole task mix: each batch an even sample, all batches every task once.
 */
class MixStrideTest {
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
            public String describe() {
                return "recorder";
            }
        };
        MixStride stride = new MixStride(100, 10);
        for (int batch = 0; batch < 10; batch++) {
            Task strided = stride.next(recorder);
            for (int i = 0; i < 10; i++) {
                strided.run(i);
            }
        }
        assertEquals(List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90), ran.subList(0, 10),
                "the first batch samples the whole range");
        assertEquals(IntStream.range(0, 100).boxed().toList(), ran.stream().sorted().toList(), "every task once");
        assertEquals(List.of(1, 11, 21, 31, 41, 51, 61, 71, 81, 91), ran.subList(10, 20),
                "the second batch, one further");
        assertEquals(recorder, new MixStride(10, 10).next(recorder), "a mix of one batch: the task as it is");
    }
}
