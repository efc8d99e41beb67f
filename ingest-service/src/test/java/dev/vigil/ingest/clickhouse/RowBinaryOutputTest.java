package dev.vigil.ingest.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowBinaryOutputTest {

    @Test
    void writesLittleEndianIntegersAndLeb128Lengths() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowBinaryOutput out = new RowBinaryOutput(bytes, 16);
        out.int64(0x0102030405060708L);
        out.varUInt(300);
        out.flush();
        assertThat(bytes.toByteArray()).containsExactly(8, 7, 6, 5, 4, 3, 2, 1, 0xAC - 256, 0x02);
    }

    @Test
    void writesStringsAndMapsAcrossBufferBoundaries() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowBinaryOutput out = new RowBinaryOutput(bytes, 4);
        Map<String, String> map = new LinkedHashMap<>();
        map.put("k", "välue");
        out.string("a longer string than the buffer");
        out.map(map);
        out.flush();
        byte[] expected = concat(new byte[] {31}, "a longer string than the buffer".getBytes(),
                new byte[] {1, 1, 'k', 6}, "välue".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bytes.toByteArray()).containsExactly(expected);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
