package dev.vigil.devstack.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a request asks for, read from the {@code query} URL parameter followed by the body, the
 * way ClickHouse's HTTP interface joins them: a statement to run, or an INSERT whose data streams
 * on from the body.
 */
sealed interface RequestStatement {

    /** The longest statement text read into memory, data excluded. */
    int MAX_TEXT = 256 << 20;
    int READ_CHUNK = 1 << 16;

    /** A statement to run whole. */
    record Query(String sql) implements RequestStatement {
    }

    /** An INSERT: {@code sql} without FORMAT clause or data, and the data that follows it. */
    record Insert(String sql, String format, InputStream data) implements RequestStatement {
    }

    /**
     * Reads as much of {@code body} as it takes to tell the statement apart from its data.
     *
     * @param queryParameter the {@code query} URL parameter, possibly empty
     */
    static RequestStatement read(String queryParameter, InputStream body) throws IOException {
        byte[] parameter = queryParameter.getBytes(StandardCharsets.UTF_8);
        // A newline keeps the parameter's last token apart from the body's first.
        int paramLength = parameter.length;
        byte[] text = Arrays.copyOf(parameter, Math.max(READ_CHUNK, paramLength + 1 + READ_CHUNK));
        int length = paramLength;
        if (paramLength > 0) {
            text[length++] = '\n';
        }
        boolean complete = false;
        while (true) {
            SqlScanner.Scan scan = SqlScanner.scan(text, length, paramLength, complete);
            switch (scan) {
                case SqlScanner.InsertData insert -> {
                    String sql = new String(text, 0, insert.sqlEnd(), StandardCharsets.UTF_8);
                    InputStream data = dataStream(text, length, paramLength, insert.dataStart(), body);
                    if (insert.format().equalsIgnoreCase("Values")) {
                        data = new ValuesDataGuard(data);
                    }
                    return new Insert(sql, insert.format(), data);
                }
                case SqlScanner.Statement ignored -> {
                    while (!complete) {
                        if (length == text.length) {
                            text = grow(text);
                        }
                        int n = body.read(text, length, text.length - length);
                        if (n < 0) {
                            complete = true;
                        } else {
                            length += n;
                        }
                    }
                    return new Query(new String(text, 0, trimmedLength(text, length, paramLength), StandardCharsets.UTF_8));
                }
                case SqlScanner.NeedMore ignored -> {
                    if (complete) {
                        throw new IllegalStateException("A scan of the complete text asked for more");
                    }
                    if (length == text.length) {
                        text = grow(text);
                    }
                    int n = body.read(text, length, text.length - length);
                    if (n < 0) {
                        complete = true;
                    } else {
                        length += n;
                    }
                }
            }
        }
    }

    private static byte[] grow(byte[] text) {
        if (text.length >= MAX_TEXT) {
            throw QueryException.of(202, "QUERY_IS_TOO_LARGE", "The statement text exceeds " + MAX_TEXT + " bytes");
        }
        return Arrays.copyOf(text, Math.min(MAX_TEXT, text.length * 2));
    }

    /** Drops the separator newline when the body was empty. */
    private static int trimmedLength(byte[] text, int length, int paramLength) {
        return paramLength > 0 && length == paramLength + 1 ? paramLength : length;
    }

    /** The data: whatever of the prefix follows the statement (less the separator), then the rest of the body. */
    private static InputStream dataStream(byte[] text, int length, int paramLength, int dataStart, InputStream body) {
        InputStream head;
        if (paramLength > 0 && dataStart <= paramLength) {
            byte[] fromParameter = Arrays.copyOfRange(text, dataStart, paramLength);
            byte[] fromBody = Arrays.copyOfRange(text, paramLength + 1, length);
            head = new SequenceInputStream(new ByteArrayInputStream(fromParameter), new ByteArrayInputStream(fromBody));
        } else {
            head = new ByteArrayInputStream(text, dataStart, length - dataStart);
        }
        return new SequenceInputStream(head, body);
    }
}
