package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipBodyTest {

    @Test
    void inflatesABodyUpToTheLimit() throws IOException {
        byte[] plain = "x".repeat(4096).getBytes();
        assertThat(GzipBody.inflate(gzip(plain), 4096)).isEqualTo(plain);
    }

    @Test
    void stopsABombAtTheLimit() throws IOException {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(100 * 1024);
        assertThatThrownBy(() -> GzipBody.inflate(bomb, 1024 * 1024))
                .isInstanceOf(RequestTooLargeException.class)
                .hasMessage("the body decompresses to more than 1048576 bytes, the most"
                        + " vigil.ingest.receive.max-request-bytes allows");
    }

    @Test
    void refusesBytesThatAreNotGzip() throws IOException {
        byte[] corrupt = gzip("hello, world".repeat(100).getBytes());
        Arrays.fill(corrupt, 12, 30, (byte) 0x55);
        assertThatThrownBy(() -> GzipBody.inflate(corrupt, 1024 * 1024))
                .isInstanceOf(InvalidExportException.class)
                .hasMessageStartingWith("the body is not valid gzip: ");
        assertThatThrownBy(() -> GzipBody.inflate(new byte[] {1, 2, 3}, 1024))
                .isInstanceOf(InvalidExportException.class)
                .hasMessage("the body is not valid gzip: Not in GZIP format");
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }
}
