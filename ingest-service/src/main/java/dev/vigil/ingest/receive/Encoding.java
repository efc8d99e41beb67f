package dev.vigil.ingest.receive;

import java.util.Locale;
import java.util.Optional;

/** The two OTLP/HTTP body encodings; an answer is written in the encoding of its request. */
enum Encoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String mediaType;

    Encoding(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** The encoding of a {@code Content-Type}, parameters such as {@code charset} ignored. */
    static Optional<Encoding> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (Encoding encoding : values()) {
            if (encoding.mediaType.equals(mediaType)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }
}
