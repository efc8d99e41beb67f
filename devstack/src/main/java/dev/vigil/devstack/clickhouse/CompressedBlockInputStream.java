package dev.vigil.devstack.clickhouse;

import com.clickhouse.data.ClickHouseCityHash;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import static dev.vigil.devstack.clickhouse.CompressedBlockOutputStream.CHECKSUM_SIZE;
import static dev.vigil.devstack.clickhouse.CompressedBlockOutputStream.HEADER_SIZE;
import static dev.vigil.devstack.clickhouse.CompressedBlockOutputStream.LZ4_METHOD;
import static dev.vigil.devstack.clickhouse.CompressedBlockOutputStream.getIntLE;
import static dev.vigil.devstack.clickhouse.CompressedBlockOutputStream.getLongLE;

/**
 * Reads a request body sent with {@code decompress=1}: blocks in ClickHouse's native framing (see
 * {@link CompressedBlockOutputStream}), LZ4 or stored uncompressed, each checked against its
 * checksum.
 */
final class CompressedBlockInputStream extends InputStream {

    private static final byte NONE_METHOD = 0x02;
    /** Guards the allocation a corrupt size field would otherwise cause. */
    private static final int MAX_BLOCK = 1 << 30;
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();

    private final InputStream in;
    private final byte[] header = new byte[CHECKSUM_SIZE + HEADER_SIZE];
    private byte[] block = new byte[0];
    private byte[] raw = new byte[0];
    private int position;
    private int limit;

    CompressedBlockInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !nextBlock()) {
            return -1;
        }
        return raw[position++] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit && !nextBlock()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(raw, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean nextBlock() throws IOException {
        do {
            int read = in.readNBytes(header, 0, header.length);
            if (read == 0) {
                return false;
            }
            if (read < header.length) {
                throw new EOFException("Truncated compressed block header");
            }
            byte method = header[CHECKSUM_SIZE];
            int compressedSize = getIntLE(header, CHECKSUM_SIZE + 1);
            int rawSize = getIntLE(header, CHECKSUM_SIZE + 5);
            if (method != LZ4_METHOD && method != NONE_METHOD) {
                throw QueryException.of(89, "UNKNOWN_COMPRESSION_METHOD",
                        String.format("Unknown compression method: 0x%02x; only LZ4 (0x82) and none (0x02) are served here", method));
            }
            if (compressedSize < HEADER_SIZE || compressedSize > MAX_BLOCK || rawSize < 0 || rawSize > MAX_BLOCK) {
                throw QueryException.of(271, "CANNOT_DECOMPRESS", "Corrupted compressed block: sizes "
                        + compressedSize + " and " + rawSize);
            }
            int payload = compressedSize - HEADER_SIZE;
            if (block.length < HEADER_SIZE + payload) {
                block = new byte[HEADER_SIZE + payload];
            }
            System.arraycopy(header, CHECKSUM_SIZE, block, 0, HEADER_SIZE);
            if (in.readNBytes(block, HEADER_SIZE, payload) < payload) {
                throw new EOFException("Truncated compressed block");
            }
            long[] hash = ClickHouseCityHash.cityHash128(block, 0, compressedSize);
            if (hash[0] != getLongLE(header, 0) || hash[1] != getLongLE(header, 8)) {
                throw QueryException.of(40, "CHECKSUM_DOESNT_MATCH", "Checksum doesn't match: corrupted data");
            }
            if (raw.length < rawSize) {
                raw = new byte[rawSize];
            }
            if (method == NONE_METHOD) {
                if (payload != rawSize) {
                    throw QueryException.of(271, "CANNOT_DECOMPRESS", "Uncompressed block sizes disagree");
                }
                System.arraycopy(block, HEADER_SIZE, raw, 0, rawSize);
            } else {
                try {
                    int produced = DECOMPRESSOR.decompress(block, HEADER_SIZE, payload, raw, 0, rawSize);
                    if (produced != rawSize) {
                        throw QueryException.of(271, "CANNOT_DECOMPRESS", "LZ4 block decompressed to "
                                + produced + " bytes, header says " + rawSize);
                    }
                } catch (LZ4Exception e) {
                    throw QueryException.of(271, "CANNOT_DECOMPRESS", "Cannot decompress LZ4 block: " + e.getMessage());
                }
            }
            position = 0;
            limit = rawSize;
        } while (limit == 0);
        return true;
    }
}
