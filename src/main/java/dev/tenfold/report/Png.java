package dev.tenfold.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as a PNG all at once or not at all: encoded into a temporary file beside the
 * target, then renamed over it. A run stopped mid-write (Ctrl-C in the report phase) leaves the
 * previous file or none, never a truncated image; the temporary file is deleted on the way out.
 */
final class Png {
    private Png() {
    }

    static Path save(Chart<?, ?> chart, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        tmp.toFile().deleteOnExit(); // also on SIGINT: the JVM's shutdown deletes it
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
