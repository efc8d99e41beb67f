package dev.vigil.ingest.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowBinaryBufferTest {

    @Test
    void writesStringsAsTheirUtf8BytesExactlyAsStringGetBytesEncodesThem() throws IOException {
        List<String> strings = List.of("", "a", "x".repeat(42), "x".repeat(43), "x".repeat(127), "x".repeat(128),
                "x".repeat(200), "é".repeat(63), "é".repeat(64), "€", "東京", "𝄞", "a𝄞b",
                // Unpaired surrogates, which UTF-8 cannot hold: String.getBytes writes '?' for each.
                "\uD834x", "x\uDD1E", "\uD834", "\uDD1E\uD834");
        for (String s : strings) {
            RowBinaryBuffer buffer = new RowBinaryBuffer(16);
            buffer.string(s);
            assertThat(buffer.toByteArray()).as("%s", s).containsExactly(reference(s));
        }
    }

    @Test
    void growsPastItsInitialCapacityAndKeepsEverythingWritten() throws IOException {
        RowBinaryBuffer buffer = new RowBinaryBuffer(16);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000; i++) {
            buffer.int64(i * 1_000_000_007L);
            buffer.string("value-" + i);
            expected.writeBytes(littleEndian(i * 1_000_000_007L, 8));
            expected.writeBytes(reference("value-" + i));
        }
        assertThat(buffer.size()).isEqualTo(expected.size());
        assertThat(buffer.toByteArray()).containsExactly(expected.toByteArray());
    }

    @Test
    void writesNumbersOfEachWidthLittleEndian() {
        RowBinaryBuffer buffer = new RowBinaryBuffer(4);
        buffer.int32(0x01020304);
        buffer.int32(-2);
        buffer.uint8(0xFE);
        buffer.float64(1.5);
        assertThat(buffer.toByteArray()).containsExactly(concat(new byte[] {4, 3, 2, 1, -2, -1, -1, -1, -2},
                littleEndian(Double.doubleToRawLongBits(1.5), 8)));
    }

    @Test
    void writesDateTimesAsWholeSecondsClampedToWhatTheTypeHolds() {
        RowBinaryBuffer buffer = new RowBinaryBuffer(4);
        buffer.dateTime(1_700_000_000_999_999_999L);
        buffer.dateTime(-1);
        buffer.dateTime(Long.MAX_VALUE);
        assertThat(buffer.toByteArray()).containsExactly(concat(littleEndian(1_700_000_000L, 4),
                littleEndian(0, 4), littleEndian(0xFFFF_FFFFL, 4)));
    }

    @Test
    void writesMapsAsTheirSizeThenEachKeyAndValueInOrder() throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("k", "välue");
        map.put("", "");
        RowBinaryBuffer buffer = new RowBinaryBuffer(4);
        buffer.map(map);
        buffer.map(Map.of());
        assertThat(buffer.toByteArray()).containsExactly(concat(new byte[] {2}, reference("k"), reference("välue"),
                reference(""), reference(""), new byte[] {0}));
    }

    @Test
    void writesLittleEndianIntegersAndLeb128Lengths() {
        RowBinaryBuffer buffer = new RowBinaryBuffer(16);
        buffer.int64(0x0102030405060708L);
        buffer.varUInt(300);
        assertThat(buffer.toByteArray()).containsExactly(8, 7, 6, 5, 4, 3, 2, 1, 0xAC - 256, 0x02);
    }

    @Test
    void writesLowercaseHexOfEveryByte() {
        RowBinaryBuffer buffer = new RowBinaryBuffer(16);
        buffer.hexString(new byte[] {0x7F, 0x00, 0x0A, (byte) 0xAB, (byte) 0xFF, 0x7F}, 1, 5);
        assertThat(buffer.toByteArray()).containsExactly(concat(new byte[] {8}, "000aabff".getBytes()));
    }

    @Test
    void copiesUtf8BytesAsTheyAreWithTheirLength() {
        byte[] utf8 = "xgrüße €x".getBytes(StandardCharsets.UTF_8);
        RowBinaryBuffer buffer = new RowBinaryBuffer(4);
        buffer.utf8(utf8, 1, utf8.length - 1);
        RowBinaryBuffer expected = new RowBinaryBuffer(4);
        expected.string("grüße €");
        assertThat(buffer.toByteArray()).containsExactly(expected.toByteArray());
    }

    @Test
    void appendsWhatAnotherBufferHoldsAndForgetsWhatIsTruncated() {
        RowBinaryBuffer shared = new RowBinaryBuffer(16);
        shared.string("resource");
        int resourceEnd = shared.size();
        shared.string("scope-1");
        RowBinaryBuffer rows = new RowBinaryBuffer(16);
        rows.append(shared);
        shared.truncate(resourceEnd);
        shared.string("s2");
        rows.append(shared);
        assertThat(rows.toByteArray()).containsExactly(concat(new byte[] {8}, "resource".getBytes(),
                new byte[] {7}, "scope-1".getBytes(), new byte[] {8}, "resource".getBytes(), new byte[] {2},
                "s2".getBytes()));
    }

    /** A RowBinary String: its length as LEB128 (all lengths here are under 128 × 128) and the bytes String.getBytes gives. */
    private static byte[] reference(String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (utf8.length < 128) {
            bytes.write(utf8.length);
        } else {
            bytes.write(0x80 | (utf8.length & 0x7F));
            bytes.write(utf8.length >>> 7);
        }
        bytes.writeBytes(utf8);
        return bytes.toByteArray();
    }

    private static byte[] littleEndian(long value, int width) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
