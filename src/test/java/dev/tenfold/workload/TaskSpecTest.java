package dev.tenfold.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSpecTest {

    @Test
    void aLineDecodesToTheSpecThatEncodedItEmptyArgumentsIncluded() {
        TaskSpec spec = TaskSpec.of("cpu-handoff", "pipe", "65536", "");
        assertEquals("cpu-handoff|pipe|65536|", spec.line());
        assertEquals(spec, TaskSpec.parse(spec.line()));
        assertEquals(65536, spec.intArg(1));
        assertEquals(TaskSpec.of("kind"), TaskSpec.parse("kind"));
    }

    @Test
    void aClassSpecNamesTheClassFirst() {
        TaskSpec spec = TaskSpec.ofClass(Task.class, "a", "b");
        assertEquals(
                new TaskSpec(TaskSpec.CLASS_KIND, List.of(Task.class.getName(), "a", "b")), spec);
    }

    @Test
    void aPartHoldingTheSeparatorOrAMissingArgumentIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> TaskSpec.of("http-item", "http://x|y", "50"));
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> TaskSpec.of("k", "1").arg(1));
        assertEquals("task spec k|1 has no argument 1", missing.getMessage());
    }
}
