package dev.tenfold.vocabulary;

import java.util.Arrays;

/** The constant of a CSV column's enum (Family, Variant, Language) by the name its cells hold. */
final class CsvNames {
    private CsvNames() {
    }

    static <E extends Enum<E>> E of(Class<E> type, String name, String column) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.toString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + column + " named " + name));
    }
}
