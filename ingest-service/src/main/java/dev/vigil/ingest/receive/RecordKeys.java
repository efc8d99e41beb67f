package dev.vigil.ingest.receive;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.resource.v1.Resource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Kafka record keys. They only choose the partition, so they need to be stable, not readable: a
 * trace id in hex, or a short digest of a resource's attributes for data that belongs to no trace.
 */
final class RecordKeys {
    private static final HexFormat HEX = HexFormat.of();

    private RecordKeys() {
    }

    static String id(ByteString id) {
        return HEX.formatHex(id.toByteArray());
    }

    /** The first 8 bytes of the SHA-256 of the resource: one key per resource, whatever its size. */
    static String resource(Resource resource) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(resource.toByteArray());
            return HEX.formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
