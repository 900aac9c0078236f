package dev.tenfold.bench;

import dev.tenfold.vocabulary.Variant;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The variant a {@code @Benchmark} method measures: the trial creates that variant's model (see
 * BatchBenchmark#startTrial). The method is named {@link Variant#benchmarkMethod()}, which is how
 * a JMH result names the variant it measured.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Measures {
    Variant value();
}
