package dev.tenfold.report;

import java.lang.reflect.RecordComponent;
import java.util.Map;

/** A copy of a row with some fields changed, by their record names: tests build variants of fixture rows. */
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
                values[i] = changes.containsKey(fields[i].getName()) ? changes.get(fields[i].getName())
                        : fields[i].getAccessor().invoke(row);
            }
            return ResultRow.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
