package dev.tenfold.workload.http;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The ~1 KiB JSON document the backend serves at {@code /io/item/{id}}. Backend and client both
 * build it from this class, so the client can check every body it receives byte for byte (by
 * length and CRC32C) without the backend having to template anything per request.
 */
public final class ItemPayload {
    public static final String BODY = build();
    public static final byte[] BYTES = BODY.getBytes(StandardCharsets.UTF_8);
    public static final long CRC = crc(BYTES);

    private ItemPayload() {
    }

    public static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    private static String build() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; tags.length() < 900; i++) {
            tags.append(i == 0 ? "" : ",").append("\"tag-").append(Integer.toString(i * 7919, 36)).append('"');
        }
        return "{\"kind\":\"item\",\"name\":\"tenfold item\",\"price\":12.5,\"tags\":[" + tags + "]}";
    }
}
