package dev.vigil.devstack.clickhouse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One engine connection. Not thread-safe: the engine runs one statement at a time per connection,
 * so a connection belongs to one request at a time (see {@link ConnectionPool}).
 *
 * <p>{@code chdb_connect} hands back a pointer to the connection handle: queries take the handle
 * itself, closing takes the pointer.
 */
final class ChdbConnection implements AutoCloseable {

    /** What {@code chdb_classify_query_n} reports, in the order of {@code chdb_query_class}. */
    enum StatementClass { READ_ONLY, MUTATING, MUTATING_GLOBAL, CONTROL, UNKNOWN }

    /** How many statements a text holds, and what the most far-reaching of them does. */
    record Shape(int statementCount, StatementClass statementClass) {
    }

    private static final long ANALYSIS_SIZE = 16;

    private final Chdb chdb;
    private final MemorySegment handlePointer;
    private final MemorySegment handle;
    private boolean closed;

    ChdbConnection(Chdb chdb, MemorySegment handlePointer) {
        this.chdb = chdb;
        this.handlePointer = handlePointer;
        this.handle = handlePointer.get(Chdb.POINTER, 0);
    }

    /** Runs one statement; {@code format} is the output format unless the statement names its own. */
    ChdbResult query(String sql, String format, Map<String, String> parameters) {
        try (Arena arena = Arena.ofConfined()) {
            return ChdbResult.take(chdb, call(chdb.queryN, chdb.queryWithParamsN, arena, sql, format, parameters));
        } catch (Throwable t) {
            throw Chdb.rethrow(t);
        }
    }

    /** Runs a statement whose output does not matter (SET, USE), failing on an error. */
    void execute(String sql) {
        try (ChdbResult ignored = query(sql, "TabSeparated", Map.of())) {
            // Success is all that is wanted; the result only needs freeing.
        }
    }

    /**
     * Starts a streaming INSERT: {@code sql} is the statement without FORMAT clause or data, the
     * data follows through {@link ChdbInsert#append}.
     */
    ChdbInsert insert(String sql, String format, Map<String, String> parameters) {
        try (Arena arena = Arena.ofConfined()) {
            return ChdbInsert.start(chdb, call(chdb.streamInsertN, chdb.streamInsertWithParamsN, arena, sql, format, parameters));
        } catch (Throwable t) {
            throw Chdb.rethrow(t);
        }
    }

    /**
     * Queries and streaming inserts take the same arguments: the statement and format with their
     * lengths, plus the parameter arrays in their {@code _with_params} variant.
     */
    private MemorySegment call(MethodHandle plain, MethodHandle withParameters, Arena arena, String sql, String format,
            Map<String, String> parameters) throws Throwable {
        byte[] sqlBytes = utf8(sql);
        byte[] formatBytes = utf8(format);
        MemorySegment sqlSegment = bytes(arena, sqlBytes);
        MemorySegment formatSegment = bytes(arena, formatBytes);
        if (parameters.isEmpty()) {
            return (MemorySegment) plain.invokeExact(handle,
                    sqlSegment, (long) sqlBytes.length, formatSegment, (long) formatBytes.length);
        }
        Parameters p = Parameters.of(arena, parameters);
        return (MemorySegment) withParameters.invokeExact(handle,
                sqlSegment, (long) sqlBytes.length, formatSegment, (long) formatBytes.length,
                p.names, p.nameLengths, p.values, p.valueLengths, (long) parameters.size());
    }

    /** Parses without running: text that does not parse reports zero statements and UNKNOWN. */
    Shape classify(String sql) {
        try (Arena arena = Arena.ofConfined()) {
            byte[] sqlBytes = utf8(sql);
            MemorySegment analysis = arena.allocate(ANALYSIS_SIZE, 4);
            analysis.set(JAVA_INT, 0, (int) ANALYSIS_SIZE);
            int state = (int) chdb.classifyQueryN.invokeExact(handle,
                    bytes(arena, sqlBytes), (long) sqlBytes.length, MemorySegment.NULL, 0L, analysis);
            if (state != 0) {
                throw QueryException.of(QueryException.UNKNOWN_CODE, "STD_EXCEPTION",
                        "The engine could not classify the statement");
            }
            int statementClass = analysis.get(JAVA_INT, 12);
            StatementClass[] classes = StatementClass.values();
            return new Shape(analysis.get(JAVA_INT, 4),
                    statementClass >= 0 && statementClass < classes.length ? classes[statementClass] : StatementClass.UNKNOWN);
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
            chdb.closeConnection.invokeExact(handlePointer);
        } catch (Throwable t) {
            throw Chdb.rethrow(t);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Copies bytes into native memory; never empty, so the pointer is never NULL. */
    private static MemorySegment bytes(Arena arena, byte[] bytes) {
        MemorySegment segment = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
        return segment;
    }

    /** The four parallel arrays the {@code *_with_params_n} calls take. */
    private record Parameters(MemorySegment names, MemorySegment nameLengths,
                              MemorySegment values, MemorySegment valueLengths) {

        static Parameters of(Arena arena, Map<String, String> parameters) {
            int count = parameters.size();
            MemorySegment names = arena.allocate(Chdb.POINTER, count);
            MemorySegment nameLengths = arena.allocate(JAVA_LONG, count);
            MemorySegment values = arena.allocate(Chdb.POINTER, count);
            MemorySegment valueLengths = arena.allocate(JAVA_LONG, count);
            int i = 0;
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                byte[] name = utf8(parameter.getKey());
                byte[] value = utf8(parameter.getValue());
                names.setAtIndex(Chdb.POINTER, i, bytes(arena, name));
                nameLengths.setAtIndex(JAVA_LONG, i, name.length);
                values.setAtIndex(Chdb.POINTER, i, bytes(arena, value));
                valueLengths.setAtIndex(JAVA_LONG, i, value.length);
                i++;
            }
            return new Parameters(names, nameLengths, values, valueLengths);
        }
    }
}
