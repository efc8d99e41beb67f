package dev.vigil.devstack.clickhouse;

import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * HTTP-level compression ({@code Content-Encoding}), as ClickHouse serves it when a request sets
 * {@code enable_http_compression=1}: gzip, deflate and lz4 (the LZ4 frame format) are offered here.
 */
enum HttpCompression {
    GZIP("gzip"),
    DEFLATE("deflate"),
    LZ4("lz4");

    private final String token;

    HttpCompression(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    /** The first encoding of an {@code Accept-Encoding} list offered here. */
    static Optional<HttpCompression> negotiate(String acceptEncoding) {
        if (acceptEncoding == null) {
            return Optional.empty();
        }
        for (String part : acceptEncoding.split(",")) {
            String name = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            for (HttpCompression compression : values()) {
                if (compression.token.equals(name) || compression == GZIP && name.equals("x-gzip")) {
                    return Optional.of(compression);
                }
            }
        }
        return Optional.empty();
    }

    OutputStream wrap(OutputStream out) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPOutputStream(out, 1 << 16);
            case DEFLATE -> new DeflaterOutputStream(out);
            case LZ4 -> new LZ4FrameOutputStream(out);
        };
    }

    /** Undoes a request's {@code Content-Encoding}; ClickHouse's own error when it is not offered. */
    static InputStream decode(String contentEncoding, InputStream in) throws IOException {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return in;
        }
        String name = contentEncoding.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "identity", "none" -> in;
            case "gzip", "x-gzip" -> new GZIPInputStream(in, 1 << 16);
            case "deflate" -> new InflaterInputStream(in);
            case "lz4" -> new LZ4FrameInputStream(in);
            default -> throw QueryException.of(36, "BAD_ARGUMENTS",
                    "Content-Encoding '" + contentEncoding + "' is not supported here; use gzip, deflate or lz4");
        };
    }
}
