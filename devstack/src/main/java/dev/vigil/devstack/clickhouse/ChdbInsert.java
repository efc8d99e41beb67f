package dev.vigil.devstack.clickhouse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A streaming INSERT. INSERT data never travels inline in the statement text: there the engine
 * reads a blank line as the end of the data and silently drops the rows after it. Chunks may split
 * rows anywhere; the engine reassembles them.
 *
 * <p>Closing without {@link #finish()} cancels the insert.
 */
final class ChdbInsert implements AutoCloseable {

    private static final int NATIVE_CHUNK = 1 << 20;

    private final Chdb chdb;
    private final MemorySegment stream;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment chunk = arena.allocate(NATIVE_CHUNK);
    private boolean closed;

    private ChdbInsert(Chdb chdb, MemorySegment stream) {
        this.chdb = chdb;
        this.stream = stream;
    }

    static ChdbInsert start(Chdb chdb, MemorySegment stream) {
        if (stream.equals(MemorySegment.NULL)) {
            throw QueryException.of(QueryException.UNKNOWN_CODE, "STD_EXCEPTION", "The engine refused to start the insert");
        }
        ChdbInsert insert = new ChdbInsert(chdb, stream);
        String error = insert.error();
        if (error != null) {
            insert.close();
            throw QueryException.fromEngine(error);
        }
        return insert;
    }

    /** Hands bytes of the insert's format to the engine, which copies them. */
    void append(byte[] data, int offset, int length) {
        try {
            for (int done = 0; done < length; ) {
                int n = Math.min(NATIVE_CHUNK, length - done);
                MemorySegment.copy(data, offset + done, chunk, JAVA_BYTE, 0, n);
                int state = (int) chdb.streamAppend.invokeExact(stream, chunk, (long) n);
                if (state != 0) {
                    String error = error();
                    throw QueryException.fromEngine(error != null ? error : "The engine rejected the insert data");
                }
                done += n;
            }
        } catch (QueryException e) {
            throw e;
        } catch (Throwable t) {
            throw Chdb.rethrow(t);
        }
    }

    /** Commits the insert; the result carries the rows and bytes written. */
    ChdbResult finish() {
        try {
            return ChdbResult.take(chdb, (MemorySegment) chdb.streamDone.invokeExact(stream));
        } catch (QueryException e) {
            throw e;
        } catch (Throwable t) {
            throw Chdb.rethrow(t);
        }
    }

    private String error() {
        try {
            return Chdb.message((MemorySegment) chdb.streamInsertError.invokeExact(stream));
        } catch (Throwable t) {
            throw Chdb.rethrow(t);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            chdb.destroyInsertStream.invokeExact(stream);
        } catch (Throwable t) {
            throw Chdb.rethrow(t);
        } finally {
            arena.close();
        }
    }
}
