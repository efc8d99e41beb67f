package dev.vigil.devstack.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A successful result: the formatted output, still in the engine's memory, and the counters the
 * engine kept. Closing it frees the native result, after which {@link #writeTo} must not be used.
 */
final class ChdbResult implements AutoCloseable {

    private static final int COPY_CHUNK = 1 << 20;

    private final Chdb chdb;
    private final MemorySegment result;
    private final MemorySegment data;
    private final Counters counters;
    private boolean closed;

    /** Rows and bytes as the engine counted them; {@code resultRows} are the rows in the output. */
    record Counters(long readRows, long readBytes, long writtenRows, long writtenBytes,
                    long resultRows, long resultBytes) {
    }

    private ChdbResult(Chdb chdb, MemorySegment result, MemorySegment data, Counters counters) {
        this.chdb = chdb;
        this.result = result;
        this.data = data;
        this.counters = counters;
    }

    /**
     * Takes ownership of a {@code chdb_result*}: returns it wrapped, or frees it and throws the
     * engine's error.
     */
    static ChdbResult take(Chdb chdb, MemorySegment result) {
        if (result.equals(MemorySegment.NULL)) {
            throw QueryException.of(QueryException.UNKNOWN_CODE, "STD_EXCEPTION", "The engine returned no result");
        }
        try {
            String error = Chdb.message((MemorySegment) chdb.resultError.invokeExact(result));
            if (error != null) {
                destroy(chdb, result);
                throw QueryException.fromEngine(error);
            }
            long length = (long) chdb.resultLength.invokeExact(result);
            MemorySegment buffer = (MemorySegment) chdb.resultBuffer.invokeExact(result);
            MemorySegment data = length == 0 || buffer.equals(MemorySegment.NULL)
                    ? MemorySegment.NULL
                    : buffer.reinterpret(length);
            Counters counters = new Counters(
                    (long) chdb.resultStorageRowsRead.invokeExact(result),
                    (long) chdb.resultStorageBytesRead.invokeExact(result),
                    (long) chdb.resultRowsWritten.invokeExact(result),
                    (long) chdb.resultBytesWritten.invokeExact(result),
                    (long) chdb.resultRowsRead.invokeExact(result),
                    (long) chdb.resultBytesRead.invokeExact(result));
            return new ChdbResult(chdb, result, data, counters);
        } catch (QueryException e) {
            throw e;
        } catch (Throwable t) {
            throw Chdb.rethrow(t);
        }
    }

    long length() {
        return data.byteSize();
    }

    Counters counters() {
        return counters;
    }

    /** Streams the output without first copying all of it onto the Java heap. */
    void writeTo(OutputStream out) throws IOException {
        long length = data.byteSize();
        byte[] chunk = new byte[(int) Math.min(COPY_CHUNK, Math.max(length, 1))];
        for (long offset = 0; offset < length; offset += chunk.length) {
            int n = (int) Math.min(chunk.length, length - offset);
            MemorySegment.copy(data, JAVA_BYTE, offset, chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            destroy(chdb, result);
        }
    }

    private static void destroy(Chdb chdb, MemorySegment result) {
        try {
            chdb.destroyResult.invokeExact(result);
        } catch (Throwable t) {
            throw Chdb.rethrow(t);
        }
    }
}
