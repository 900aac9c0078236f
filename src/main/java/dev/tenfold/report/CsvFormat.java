package dev.tenfold.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Language;
import dev.tenfold.vocabulary.Variant;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results CSV: RFC 4180 (Jackson's CSV module quotes a cell only when it holds a comma, quote
 * or line break, and reads LF and CRLF alike), '.' decimals, empty cells for "does not apply". The
 * cells are formatted here, so a number reads back as the double it was; read back for
 * {@code plot} and {@code compare}.
 */
public final class CsvFormat {
    private static final RecordComponent[] FIELDS = ResultRow.class.getRecordComponents();
    private static final CsvMapper CSV =
            CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

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
            throw new FileAlreadyExistsException(file.toString(), null,
                    "refusing to overwrite an existing results file");
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            // a temporary file is owner-only; a results file is for anyone who may read the directory
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 SequenceWriter records = CSV.writer().writeValues(out)) {
                records.write(ResultRow.COLUMNS);
                for (ResultRow row : rows) {
                    records.write(cells(row));
                }
            }
            // ATOMIC_MOVE may replace a file that appeared meanwhile (rename(2) does): look once more.
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(file.toString(), null,
                        "refusing to overwrite an existing results file");
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

    /** Reads a results CSV; fails with a one-line message when its header is not SPEC's. */
    public static List<ResultRow> read(Path file) throws IOException {
        List<List<String>> records;
        try (MappingIterator<String[]> lines = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(file.toFile())) {
            records = lines.readAll().stream().map(Arrays::asList).toList();
        } catch (com.fasterxml.jackson.core.JacksonException malformed) {
            // a quoted cell cut in the middle, a stray quote: not RFC 4180
            throw new IllegalArgumentException(file + " is not a well-formed CSV: "
                    + malformed.getOriginalMessage().lines().findFirst().orElse("unreadable"));
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        List<String> header = records.get(0);
        List<String> required = ResultRow.COLUMNS.subList(0, ResultRow.REQUIRED_COLUMNS);
        if (header.size() < required.size() || !header.subList(0, required.size()).equals(required)) {
            throw new IllegalArgumentException(file
                    + " is not a tenfold results CSV (its header differs from SPEC.md's)");
        }
        List<ResultRow> rows = new ArrayList<>();
        for (int line = 1; line < records.size(); line++) {
            List<String> record = records.get(line);
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

    /** The cells that say which measurement a row is: never empty. */
    private static final java.util.Set<String> IDENTITY = java.util.Set.of("family", "workload", "variant");

    private static ResultRow toRow(Map<String, String> cells, Path file) {
        Object[] values = new Object[FIELDS.length];
        Class<?>[] types = new Class<?>[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            types[i] = FIELDS[i].getType();
            String cell = cells.getOrDefault(ResultRow.COLUMNS.get(i), "");
            if (cell.isEmpty() && IDENTITY.contains(ResultRow.COLUMNS.get(i))) {
                throw new IllegalArgumentException(file + ": a row with an empty " + ResultRow.COLUMNS.get(i)
                        + " cell (every row names its family, workload and variant)");
            }
            try {
                values[i] = cell.isEmpty() ? null
                        : types[i] == Integer.class ? Integer.valueOf(cell)
                        : types[i] == Long.class ? Long.valueOf(cell)
                        : types[i] == Double.class ? Double.valueOf(cell)
                        : types[i] == Family.class ? Family.of(cell)
                        : types[i] == Variant.class ? Variant.of(cell)
                        : types[i] == Language.class ? Language.of(cell)
                        : cell;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": " + ResultRow.COLUMNS.get(i) + "='" + cell
                        + "' is not a number");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage());
            }
        }
        try {
            return ResultRow.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
