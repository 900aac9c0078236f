package dev.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tenfold.vocabulary.Variant;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Every {@code @Benchmark} method says which variant it measures, and is named as that variant's
 * JMH method, so that a result's name (which the report reads) and the model the trial ran agree.
 */
class MeasuresTest {
    private static final List<Class<?>> FAMILIES = List.of(IoBenchmark.class, CpuBenchmark.class,
            MixedBenchmark.class, ResilienceBenchmark.class, OpenLoopBenchmark.class, PythonIoBenchmark.class,
            PythonCpuBenchmark.class);

    @Test
    void everyBenchmarkMethodMeasuresTheVariantItIsNamedFor() {
        int methods = 0;
        for (Class<?> family : FAMILIES) {
            for (Method method : family.getMethods()) {
                if (!method.isAnnotationPresent(Benchmark.class)) {
                    continue;
                }
                Measures measures = method.getAnnotation(Measures.class);
                assertNotNull(measures, family.getSimpleName() + "." + method.getName() + " has no @Measures");
                assertEquals(measures.value().benchmarkMethod(), method.getName(), family.getSimpleName());
                assertEquals(measures.value(), Variant.ofBenchmarkMethod(method.getName()));
                methods++;
            }
        }
        assertFalse(methods < FAMILIES.size() * 2, "found only " + methods + " @Benchmark methods");
    }
}
