package dev.vigil.ingest.receive;

import dev.vigil.ingest.remotewrite.OtlpTranslation;
import dev.vigil.ingest.remotewrite.WriteRequestReader;

/**
 * How a received body becomes an OTLP protobuf or JSON export: as it is, gunzipped, or — for Prometheus remote
 * write — snappy-decompressed and translated from a {@code WriteRequest}. Every way stops at the request limit.
 */
enum BodyCoding {
    IDENTITY {
        @Override
        byte[] decode(byte[] body, int maxBytes) {
            return body;
        }
    },
    GZIP {
        @Override
        byte[] decode(byte[] body, int maxBytes) {
            return GzipBody.inflate(body, maxBytes);
        }
    },
    REMOTE_WRITE {
        @Override
        byte[] decode(byte[] body, int maxBytes) {
            try {
                return OtlpTranslation.toOtlp(WriteRequestReader.read(body, maxBytes)).toByteArray();
            } catch (WriteRequestReader.MalformedWriteRequestException | OtlpTranslation.InvalidSeriesException e) {
                throw new InvalidExportException(e.getMessage(), e);
            }
        }
    };

    abstract byte[] decode(byte[] body, int maxBytes);
}
