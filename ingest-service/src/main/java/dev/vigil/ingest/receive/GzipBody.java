package dev.vigil.ingest.receive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses a {@code Content-Encoding: gzip} body, stopping as soon as the output passes the
 * request limit: a few kilobytes of gzip can expand to gigabytes, and only the limit keeps them out
 * of memory.
 */
final class GzipBody {
    private GzipBody() {
    }

    static byte[] inflate(byte[] compressed, int maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(1024, compressed.length * 4)));
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), chunk.length)) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (out.size() + n > maxBytes) {
                    throw new RequestTooLargeException("the body decompresses to more than " + maxBytes
                            + " bytes, the most vigil.ingest.receive.max-request-bytes allows");
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new InvalidExportException("the body is not valid gzip: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
