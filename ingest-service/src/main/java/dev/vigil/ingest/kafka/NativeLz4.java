package dev.vigil.ingest.kafka;

import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Has Kafka's LZ4 (records are compressed with it, {@code vigil.ingest.receive.kafka-compression}) use lz4-java's
 * native library rather than its pure-Java code. Kafka asks for {@code LZ4Factory.fastestInstance()}, which tries
 * the native library only once it is loaded or when lz4-java sits on the system class loader; under Quarkus it
 * does not, so every record was compressed and decompressed in Java: about a tenth of ingest-service's CPU time
 * under the ingest benchmark (docs/performance.md, "Ingest"). Loading it once, before the first client starts,
 * is enough. Where the library cannot load (a platform lz4-java has no build for), Kafka keeps the Java code.
 */
public final class NativeLz4 {
    private static final Logger LOG = Logger.getLogger(NativeLz4.class);
    /** Null until {@link #load} first ran; read and written only under the class's lock. */
    private static Boolean loaded;

    private NativeLz4() {
    }

    /** Loads the native library if it is not yet; true when Kafka's LZ4 now runs natively. */
    public static synchronized boolean load() {
        if (loaded == null) {
            try {
                LZ4Factory.nativeInstance();
                loaded = true;
            } catch (Throwable e) {
                // LinkageError or what the loader throws for a missing build: compression still works, slower.
                LOG.infof("LZ4 for Kafka records runs in Java: lz4-java's native library did not load (%s)", e);
                loaded = false;
            }
        }
        return loaded;
    }
}
