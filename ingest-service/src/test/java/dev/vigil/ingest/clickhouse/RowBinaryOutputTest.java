package dev.vigil.ingest.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowBinaryOutputTest {

    @Test
    void writesEveryRecordsBytesInOrderWhetherSmallerOrLargerThanItsBuffer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowBinaryOutput out = new RowBinaryOutput(bytes, 8);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int length : new int[] {3, 4, 2, 20, 1, 8, 0, 7}) {
            byte[] record = new byte[length];
            for (int i = 0; i < length; i++) {
                record[i] = (byte) (expected.size() + i);
            }
            out.bytes(record);
            expected.writeBytes(record);
        }
        out.flush();
        assertThat(bytes.toByteArray()).containsExactly(expected.toByteArray());
    }

    @Test
    void gathersSmallRecordsIntoOneWriteOfTheStream() throws IOException {
        List<Integer> writes = new ArrayList<>();
        OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
            }
        };
        RowBinaryOutput out = new RowBinaryOutput(stream, 16);
        for (int i = 0; i < 5; i++) {
            out.bytes(new byte[] {1, 2, 3});
        }
        out.flush();
        assertThat(writes).containsExactly(15);
    }
}
