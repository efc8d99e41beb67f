package dev.vigil.devstack.clickhouse;

import com.clickhouse.data.ClickHouseCityHash;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * ClickHouse's native compression framing ({@code compress=1}), the format the ClickHouse client
 * expects by default. Each block is a 16-byte CityHash128 of the rest of the block, then the method
 * byte {@code 0x82} (LZ4), the compressed size including this 9-byte header and the raw size (both
 * little-endian int32), then the LZ4 block itself.
 */
final class CompressedBlockOutputStream extends FilterOutputStream {

    static final int CHECKSUM_SIZE = 16;
    static final int HEADER_SIZE = 9;
    static final byte LZ4_METHOD = (byte) 0x82;
    /** ClickHouse's max_compress_block_size. */
    static final int BLOCK_SIZE = 1 << 20;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();

    private final byte[] raw = new byte[BLOCK_SIZE];
    private final byte[] block = new byte[CHECKSUM_SIZE + HEADER_SIZE + COMPRESSOR.maxCompressedLength(BLOCK_SIZE)];
    private int buffered;

    CompressedBlockOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (buffered == raw.length) {
            writeBlock();
        }
        raw[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (buffered == raw.length) {
                writeBlock();
            }
            int n = Math.min(length, raw.length - buffered);
            System.arraycopy(bytes, offset, raw, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        writeBlock();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            writeBlock();
        } finally {
            out.close();
        }
    }

    private void writeBlock() throws IOException {
        if (buffered == 0) {
            return;
        }
        int start = CHECKSUM_SIZE + HEADER_SIZE;
        int compressed = COMPRESSOR.compress(raw, 0, buffered, block, start, block.length - start);
        block[CHECKSUM_SIZE] = LZ4_METHOD;
        putIntLE(block, CHECKSUM_SIZE + 1, compressed + HEADER_SIZE);
        putIntLE(block, CHECKSUM_SIZE + 5, buffered);
        long[] hash = ClickHouseCityHash.cityHash128(block, CHECKSUM_SIZE, HEADER_SIZE + compressed);
        putLongLE(block, 0, hash[0]);
        putLongLE(block, 8, hash[1]);
        out.write(block, 0, start + compressed);
        buffered = 0;
    }

    static void putIntLE(byte[] bytes, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    static void putLongLE(byte[] bytes, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    static int getIntLE(byte[] bytes, int offset) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (bytes[offset + i] & 0xFF) << (8 * i);
        }
        return value;
    }

    static long getLongLE(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (bytes[offset + i] & 0xFFL) << (8 * i);
        }
        return value;
    }
}
