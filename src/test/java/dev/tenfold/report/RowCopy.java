package dev.tenfold.report;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Language;
import dev.tenfold.vocabulary.Variant;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * A copy of a row with some fields changed, by their record names: tests build variants of fixture
 * rows. Family, variant and runtime may be given by their CSV names.
 */
final class RowCopy {
    private RowCopy() {
    }

    static ResultRow with(ResultRow row, Map<String, Object> changes) {
        RecordComponent[] fields = ResultRow.class.getRecordComponents();
        Object[] values = new Object[fields.length];
        Class<?>[] types = new Class<?>[fields.length];
        try {
            for (int i = 0; i < fields.length; i++) {
                types[i] = fields[i].getType();
                Object change = changes.get(fields[i].getName());
                values[i] = !changes.containsKey(fields[i].getName()) ? fields[i].getAccessor().invoke(row)
                        : change instanceof String name && types[i] == Family.class ? Family.of(name)
                        : change instanceof String name && types[i] == Variant.class ? Variant.of(name)
                        : change instanceof String name && types[i] == Language.class ? Language.of(name)
                        : change;
            }
            return ResultRow.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
