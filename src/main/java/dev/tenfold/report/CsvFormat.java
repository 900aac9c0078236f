package dev.tenfold.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The results CSV: RFC 4180 (quoted when a cell holds a comma, quote or line break; CRLF-free
 * reading of both), '.' decimals, empty cells for "does not apply". Written by hand because the
 * format is this small; read back for {@code plot} and {@code compare}.
 */
public final class CsvFormat {
    private static final RecordComponent[] FIELDS = ResultRow.class.getRecordComponents();

    private CsvFormat() {
    }

    /**
     * Writes {@code rows} to a new file, atomically: the whole file goes to a temporary file in the
     * same directory, which is then renamed into place, so a reader never sees half a CSV. Refuses
     * to replace an existing file ({@link FileAlreadyExistsException}), and refuses a row whose
     * tasks are not all accounted for ({@link IllegalStateException}: succeeded + errors must equal
     * attempted), before anything is written.
     */
    public static void write(Path file, List<ResultRow> rows) throws IOException {
        for (ResultRow row : rows) {
            if (!row.accountsForEveryTask()) {
                throw new IllegalStateException("tasks unaccounted for in " + row.family() + "/" + row.workload() + "/"
                        + row.variant() + " C=" + row.concurrency() + ": " + row.succeeded() + " succeeded + "
                        + row.errors() + " errors != " + row.attempted() + " attempted");
            }
        }
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite an existing results file");
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            // a temporary file is owner-only; a results file is for anyone who may read the directory
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(line(ResultRow.COLUMNS));
                for (ResultRow row : rows) {
                    out.write(line(cells(row)));
                }
            }
            // ATOMIC_MOVE may replace a file that appeared meanwhile (rename(2) does): look once more.
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite an existing results file");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static List<String> cells(ResultRow row) {
        List<String> cells = new ArrayList<>(FIELDS.length);
        for (RecordComponent field : FIELDS) {
            try {
                cells.add(format(field.getAccessor().invoke(row)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return cells;
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            // Shortest decimal that reads back as the same double; '.' always, never an exponent.
            return d.isNaN() || d.isInfinite() ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** One record: a cell holding a comma, a quote or a line break is quoted, its quotes doubled. */
    private static String line(List<String> cells) {
        return cells.stream().map(c -> c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
                ? '"' + c.replace("\"", "\"\"") + '"' : c).collect(Collectors.joining(",", "", "\n"));
    }

    /** Reads a results CSV; fails with a one-line message when its header is not SPEC's. */
    public static List<ResultRow> read(Path file) throws IOException {
        List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8));
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        List<String> header = records.get(0);
        List<String> required = ResultRow.COLUMNS.subList(0, ResultRow.REQUIRED_COLUMNS);
        if (header.size() < required.size() || !header.subList(0, required.size()).equals(required)) {
            throw new IllegalArgumentException(file + " is not a tenfold results CSV (its header differs from SPEC.md's)");
        }
        List<ResultRow> rows = new ArrayList<>();
        for (int line = 1; line < records.size(); line++) {
            List<String> record = records.get(line);
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            if (record.size() != header.size()) {
                throw new IllegalArgumentException(file + ": record " + line + " has " + record.size()
                        + " cells, the header " + header.size() + " (a cut or hand-edited file?)");
            }
            Map<String, String> byName = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < record.size(); i++) {
                byName.put(header.get(i), record.get(i));
            }
            rows.add(toRow(byName, file));
        }
        return rows;
    }

    private static ResultRow toRow(Map<String, String> cells, Path file) {
        Object[] values = new Object[FIELDS.length];
        Class<?>[] types = new Class<?>[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            types[i] = FIELDS[i].getType();
            String cell = cells.getOrDefault(ResultRow.COLUMNS.get(i), "");
            try {
                values[i] = cell.isEmpty() ? null
                        : types[i] == Integer.class ? Integer.valueOf(cell)
                        : types[i] == Long.class ? Long.valueOf(cell)
                        : types[i] == Double.class ? Double.valueOf(cell)
                        : cell;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": " + ResultRow.COLUMNS.get(i) + "='" + cell + "' is not a number");
            }
        }
        try {
            return ResultRow.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
