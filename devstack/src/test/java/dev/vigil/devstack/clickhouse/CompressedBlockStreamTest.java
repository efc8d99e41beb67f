package dev.vigil.devstack.clickhouse;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressedBlockStreamTest {

    @Test
    void roundTripsDataSpanningSeveralBlocks() throws IOException {
        byte[] data = new byte[CompressedBlockOutputStream.BLOCK_SIZE * 2 + 12345];
        new Random(7).nextBytes(data);
        for (int i = 0; i < data.length; i += 3) {
            data[i] = 'x';
        }
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (CompressedBlockOutputStream out = new CompressedBlockOutputStream(framed)) {
            out.write(data, 0, 100);
            out.write(data, 100, data.length - 100);
        }
        byte[] bytes = framed.toByteArray();
        assertThat(bytes[16]).isEqualTo((byte) 0x82);
        try (CompressedBlockInputStream in = new CompressedBlockInputStream(new ByteArrayInputStream(bytes))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void refusesABlockWhoseChecksumDoesNotMatch() throws IOException {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (CompressedBlockOutputStream out = new CompressedBlockOutputStream(framed)) {
            out.write("some rows of data".getBytes());
        }
        byte[] bytes = framed.toByteArray();
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> new CompressedBlockInputStream(new ByteArrayInputStream(bytes)).readAllBytes())
                .isInstanceOf(QueryException.class)
                .satisfies(e -> assertThat(((QueryException) e).code()).isEqualTo(40));
    }
}
