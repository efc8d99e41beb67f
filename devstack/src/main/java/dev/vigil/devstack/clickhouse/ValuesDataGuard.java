package dev.vigil.devstack.clickhouse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes the data of an {@code INSERT ... VALUES} through, refusing a second statement behind it.
 *
 * <p>VALUES data is streamed to the engine like any other insert data, and the engine's Values
 * reader stops quietly at a {@code ;}: without this check, {@code INSERT ... VALUES (1); DROP
 * TABLE t} would insert and ignore the rest, where ClickHouse's HTTP interface runs exactly one
 * statement. Tracks quotes and brackets only as far as needed to find a top-level {@code ;}.
 */
final class ValuesDataGuard extends FilterInputStream {

    private byte quote;
    private boolean escaped;
    private int depth;
    private boolean terminated;

    ValuesDataGuard(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            inspect((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = in.read(bytes, offset, length);
        for (int i = 0; i < n; i++) {
            inspect(bytes[offset + i]);
        }
        return n;
    }

    private void inspect(byte b) {
        if (terminated) {
            if (!isSpace(b) && b != ';') {
                throw QueryException.of(62, "SYNTAX_ERROR", "Syntax error (Multi-statements are not allowed): "
                        + "a statement follows the VALUES data, and each HTTP request runs exactly one");
            }
            return;
        }
        if (quote != 0) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == quote) {
                quote = 0;
            }
            return;
        }
        switch (b) {
            case '\'', '"', '`' -> quote = b;
            case '(', '[', '{' -> depth++;
            case ')', ']', '}' -> depth--;
            case ';' -> terminated = depth <= 0;
            default -> {
            }
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B;
    }
}
