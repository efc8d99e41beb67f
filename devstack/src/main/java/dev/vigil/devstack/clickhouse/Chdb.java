package dev.vigil.devstack.clickhouse;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C API of {@code libchdb.so} ({@code chdb.h}), bound through the FFM API.
 *
 * <p>Only the calls the server needs are bound. Each handle is typed exactly as the header
 * declares it; {@code size_t} and {@code uint64_t} map to {@code long}, {@code chdb_state} and
 * {@code int} to {@code int}. Loading disables chDB's process-wide signal handlers before anything
 * else runs: left installed, they take over the signals the JVM uses to turn faults into
 * exceptions, and the next NullPointerException anywhere kills the process.
 */
final class Chdb {

    static final AddressLayout POINTER = ADDRESS;

    final MethodHandle connect;
    final MethodHandle closeConnection;
    final MethodHandle queryN;
    final MethodHandle queryWithParamsN;
    final MethodHandle resultBuffer;
    final MethodHandle resultLength;
    final MethodHandle resultElapsed;
    final MethodHandle resultRowsRead;
    final MethodHandle resultBytesRead;
    final MethodHandle resultStorageRowsRead;
    final MethodHandle resultStorageBytesRead;
    final MethodHandle resultRowsWritten;
    final MethodHandle resultBytesWritten;
    final MethodHandle resultError;
    final MethodHandle destroyResult;
    final MethodHandle streamInsertN;
    final MethodHandle streamInsertWithParamsN;
    final MethodHandle streamAppend;
    final MethodHandle streamDone;
    final MethodHandle streamInsertError;
    final MethodHandle destroyInsertStream;
    final MethodHandle classifyQueryN;
    private final MethodHandle setSignalHandlersEnabled;
    private final MethodHandle shutdown;
    private final MethodHandle version;

    private Chdb(SymbolLookup symbols) {
        Linker linker = Linker.nativeLinker();
        Binder bind = (name, descriptor) -> linker.downcallHandle(
                symbols.find(name).orElseThrow(() -> new IllegalStateException("libchdb.so lacks " + name)),
                descriptor);
        connect = bind.handle("chdb_connect", FunctionDescriptor.of(POINTER, JAVA_INT, POINTER));
        closeConnection = bind.handle("chdb_close_conn", FunctionDescriptor.ofVoid(POINTER));
        queryN = bind.handle("chdb_query_n",
                FunctionDescriptor.of(POINTER, POINTER, POINTER, JAVA_LONG, POINTER, JAVA_LONG));
        queryWithParamsN = bind.handle("chdb_query_with_params_n", FunctionDescriptor.of(POINTER,
                POINTER, POINTER, JAVA_LONG, POINTER, JAVA_LONG, POINTER, POINTER, POINTER, POINTER, JAVA_LONG));
        resultBuffer = bind.handle("chdb_result_buffer", FunctionDescriptor.of(POINTER, POINTER));
        resultLength = bind.handle("chdb_result_length", FunctionDescriptor.of(JAVA_LONG, POINTER));
        resultElapsed = bind.handle("chdb_result_elapsed", FunctionDescriptor.of(JAVA_DOUBLE, POINTER));
        resultRowsRead = bind.handle("chdb_result_rows_read", FunctionDescriptor.of(JAVA_LONG, POINTER));
        resultBytesRead = bind.handle("chdb_result_bytes_read", FunctionDescriptor.of(JAVA_LONG, POINTER));
        resultStorageRowsRead = bind.handle("chdb_result_storage_rows_read", FunctionDescriptor.of(JAVA_LONG, POINTER));
        resultStorageBytesRead = bind.handle("chdb_result_storage_bytes_read", FunctionDescriptor.of(JAVA_LONG, POINTER));
        resultRowsWritten = bind.handle("chdb_result_rows_written", FunctionDescriptor.of(JAVA_LONG, POINTER));
        resultBytesWritten = bind.handle("chdb_result_bytes_written", FunctionDescriptor.of(JAVA_LONG, POINTER));
        resultError = bind.handle("chdb_result_error", FunctionDescriptor.of(POINTER, POINTER));
        destroyResult = bind.handle("chdb_destroy_query_result", FunctionDescriptor.ofVoid(POINTER));
        streamInsertN = bind.handle("chdb_stream_insert_n",
                FunctionDescriptor.of(POINTER, POINTER, POINTER, JAVA_LONG, POINTER, JAVA_LONG));
        streamInsertWithParamsN = bind.handle("chdb_stream_insert_with_params_n", FunctionDescriptor.of(POINTER,
                POINTER, POINTER, JAVA_LONG, POINTER, JAVA_LONG, POINTER, POINTER, POINTER, POINTER, JAVA_LONG));
        streamAppend = bind.handle("chdb_stream_append", FunctionDescriptor.of(JAVA_INT, POINTER, POINTER, JAVA_LONG));
        streamDone = bind.handle("chdb_stream_done", FunctionDescriptor.of(POINTER, POINTER));
        streamInsertError = bind.handle("chdb_stream_insert_error", FunctionDescriptor.of(POINTER, POINTER));
        destroyInsertStream = bind.handle("chdb_destroy_insert_stream", FunctionDescriptor.ofVoid(POINTER));
        classifyQueryN = bind.handle("chdb_classify_query_n",
                FunctionDescriptor.of(JAVA_INT, POINTER, POINTER, JAVA_LONG, POINTER, JAVA_LONG, POINTER));
        setSignalHandlersEnabled = bind.handle("chdb_set_signal_handlers_enabled", FunctionDescriptor.ofVoid(JAVA_INT));
        shutdown = bind.handle("chdb_shutdown", FunctionDescriptor.of(JAVA_INT));
        version = bind.handle("chdb_version", FunctionDescriptor.of(POINTER));
    }

    /** Loads the library for the life of the process and switches its signal handlers off. */
    static Chdb load(Path library) {
        Chdb chdb = new Chdb(SymbolLookup.libraryLookup(library, Arena.global()));
        try {
            chdb.setSignalHandlersEnabled.invokeExact(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return chdb;
    }

    /**
     * Opens a connection to the engine storing its data under {@code dataDirectory}. The first
     * connection boots the engine; a process serves one data directory for its whole life.
     */
    ChdbConnection connect(Path dataDirectory) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(POINTER, 2);
            argv.setAtIndex(POINTER, 0, arena.allocateFrom("clickhouse"));
            argv.setAtIndex(POINTER, 1, arena.allocateFrom("--path=" + dataDirectory.toAbsolutePath()));
            MemorySegment handle = (MemorySegment) connect.invokeExact(2, argv);
            if (handle.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("chdb_connect failed for data directory " + dataDirectory);
            }
            return new ChdbConnection(this, handle.reinterpret(POINTER.byteSize()));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    String version() {
        try {
            return ((MemorySegment) version.invokeExact()).reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Joins the engine's threads; only valid once every connection is closed. */
    boolean shutdown() {
        try {
            return (int) shutdown.invokeExact() == 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Reads a NUL-terminated message the library owns, or null for a NULL pointer. */
    static String message(MemorySegment cString) {
        if (cString.equals(MemorySegment.NULL)) {
            return null;
        }
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** MethodHandle.invokeExact declares Throwable; native calls throw nothing checked. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(t);
    }

    @FunctionalInterface
    private interface Binder {
        MethodHandle handle(String name, FunctionDescriptor descriptor);
    }
}
