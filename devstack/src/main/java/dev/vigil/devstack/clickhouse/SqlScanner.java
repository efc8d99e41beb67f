package dev.vigil.devstack.clickhouse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Just enough of ClickHouse's lexer to find where an INSERT's text ends and its data begins, and
 * which FORMAT a statement names. It skips comments, string literals and quoted identifiers, and
 * only looks at clauses outside parentheses.
 *
 * <p>It works on a prefix of the request and says when it needs more bytes, so the data of a
 * large INSERT is never held in memory as a whole.
 */
final class SqlScanner {

    /** What a scan of a request prefix found. */
    sealed interface Scan {
    }

    /** The prefix ends before anything can be decided. */
    record NeedMore() implements Scan {
    }

    /** Not an INSERT with data: the whole text is one statement for the engine. */
    record Statement() implements Scan {
    }

    /**
     * An INSERT whose data follows its text: the text is {@code [0, sqlEnd)}, the data starts at
     * {@code dataStart}, in {@code format}.
     */
    record InsertData(int sqlEnd, String format, int dataStart) implements Scan {
    }

    /** Words that follow a column named {@code format}, which a format name never is. */
    private static final Set<String> FOLLOWS_A_COLUMN = Set.of(
            "FROM", "AS", "WHERE", "AND", "OR", "ASC", "DESC", "LIMIT", "SETTINGS", "GROUP", "ORDER", "HAVING",
            "UNION", "EXCEPT", "INTERSECT", "JOIN", "LEFT", "RIGHT", "INNER", "FULL", "CROSS", "ON", "USING",
            "IS", "IN", "NOT", "LIKE", "ILIKE", "BETWEEN", "COLLATE", "NULLS", "WITH", "PREWHERE", "QUALIFY", "WINDOW");

    private static final NeedMore NEED_MORE = new NeedMore();
    private static final Statement STATEMENT = new Statement();

    private SqlScanner() {
    }

    /**
     * Scans {@code text[0, length)}. When the text is the {@code query} URL parameter followed by
     * the body, {@code paramLength} marks where the parameter ends: a FORMAT clause that ends inside
     * it takes the body, byte for byte, as its data. {@code complete} says no more bytes follow.
     */
    static Scan scan(byte[] text, int length, int paramLength, boolean complete) {
        Lexer lexer = new Lexer(text, length, complete);
        Token first = lexer.next();
        if (first.kind == Kind.INCOMPLETE) {
            return NEED_MORE;
        }
        if (first.kind != Kind.WORD || !first.is(text, "INSERT")) {
            return STATEMENT;
        }
        int depth = 0;
        boolean sawSelect = false;
        Token previous = first;
        while (true) {
            Token token = lexer.next();
            switch (token.kind) {
                case INCOMPLETE:
                    return NEED_MORE;
                case END:
                    return complete ? STATEMENT : NEED_MORE;
                case OPEN:
                    depth++;
                    break;
                case CLOSE:
                    depth--;
                    break;
                case WORD:
                    if (depth == 0 && !namesAnObject(text, previous)) {
                        if (token.is(text, "SELECT") || token.is(text, "WITH")) {
                            sawSelect = true;
                        } else if (token.is(text, "VALUES") && !sawSelect) {
                            return new InsertData(token.start, "Values", token.end);
                        } else if (token.is(text, "FORMAT")) {
                            Token name = lexer.next();
                            if (name.kind == Kind.INCOMPLETE) {
                                return NEED_MORE;
                            }
                            if (name.kind != Kind.WORD) {
                                return complete || name.kind != Kind.END ? STATEMENT : NEED_MORE;
                            }
                            return dataAfter(text, length, paramLength, complete, token.start, name);
                        }
                    }
                    break;
                default:
                    break;
            }
            previous = token;
        }
    }

    /**
     * The last top-level {@code FORMAT name} of a complete statement, which overrides the request's
     * default output format.
     */
    static Optional<String> outputFormat(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        Lexer lexer = new Lexer(text, text.length, true);
        String format = null;
        int depth = 0;
        Token previous = null;
        for (Token token = lexer.next(); token.kind != Kind.END && token.kind != Kind.INCOMPLETE; token = lexer.next()) {
            if (token.kind == Kind.OPEN) {
                depth++;
            } else if (token.kind == Kind.CLOSE) {
                depth--;
            } else if (depth == 0 && token.kind == Kind.WORD && token.is(text, "FORMAT")
                    && (previous == null || !namesAnObject(text, previous))) {
                Token name = lexer.next();
                if (name.kind == Kind.WORD && !FOLLOWS_A_COLUMN.contains(name.text(text).toUpperCase(Locale.ROOT))) {
                    format = name.text(text);
                }
                token = name;
            }
            previous = token;
        }
        return Optional.ofNullable(format);
    }

    /** A word right after these is a table or function name, not a clause keyword. */
    private static boolean namesAnObject(byte[] text, Token previous) {
        return previous.kind == Kind.DOT
                || previous.kind == Kind.WORD && (previous.is(text, "INTO") || previous.is(text, "TABLE")
                || previous.is(text, "FUNCTION"));
    }

    /**
     * ClickHouse's rule: the data starts after the first newline following the format name, or
     * after the blanks if no newline comes first.
     */
    private static Scan dataAfter(byte[] text, int length, int paramLength, boolean complete, int sqlEnd, Token name) {
        String format = name.text(text);
        if (name.end <= paramLength) {
            int position = skipBlanks(text, name.end, paramLength);
            position = skipNewline(text, position, paramLength);
            return new InsertData(sqlEnd, format, position);
        }
        int position = skipBlanks(text, name.end, length);
        if (position == length && !complete) {
            return NEED_MORE;
        }
        if (position < length && text[position] == '\r') {
            if (position + 1 == length && !complete) {
                return NEED_MORE;
            }
            if (position + 1 < length && text[position + 1] == '\n') {
                position++;
            }
        }
        position = skipNewline(text, position, length);
        return new InsertData(sqlEnd, format, position);
    }

    private static int skipBlanks(byte[] text, int position, int limit) {
        while (position < limit && (text[position] == ' ' || text[position] == '\t' || text[position] == '\f')) {
            position++;
        }
        return position;
    }

    private static int skipNewline(byte[] text, int position, int limit) {
        if (position < limit && text[position] == '\r' && position + 1 < limit && text[position + 1] == '\n') {
            return position + 2;
        }
        if (position < limit && text[position] == '\n') {
            return position + 1;
        }
        return position;
    }

    private enum Kind { WORD, OPEN, CLOSE, DOT, OTHER, END, INCOMPLETE }

    private record Token(Kind kind, int start, int end) {

        boolean is(byte[] text, String keyword) {
            if (end - start != keyword.length()) {
                return false;
            }
            for (int i = 0; i < keyword.length(); i++) {
                if (Character.toUpperCase((char) (text[start + i] & 0xFF)) != keyword.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        String text(byte[] text) {
            return new String(text, start, end - start, StandardCharsets.UTF_8);
        }
    }

    private static final class Lexer {

        private final byte[] text;
        private final int length;
        private final boolean complete;
        private int position;

        Lexer(byte[] text, int length, boolean complete) {
            this.text = text;
            this.length = length;
            this.complete = complete;
        }

        Token next() {
            if (!skipSpaceAndComments()) {
                return new Token(Kind.INCOMPLETE, position, length);
            }
            if (position >= length) {
                return new Token(complete ? Kind.END : Kind.INCOMPLETE, position, position);
            }
            int start = position;
            byte c = text[position];
            if (isWordByte(c)) {
                while (position < length && isWordByte(text[position])) {
                    position++;
                }
                return position == length && !complete
                        ? new Token(Kind.INCOMPLETE, start, position)
                        : new Token(Kind.WORD, start, position);
            }
            if (c == '\'' || c == '"' || c == '`') {
                return quoted(c, start);
            }
            position++;
            return switch (c) {
                case '(', '[', '{' -> new Token(Kind.OPEN, start, position);
                case ')', ']', '}' -> new Token(Kind.CLOSE, start, position);
                case '.' -> new Token(Kind.DOT, start, position);
                default -> new Token(Kind.OTHER, start, position);
            };
        }

        private Token quoted(byte quote, int start) {
            position++;
            while (position < length) {
                byte c = text[position];
                if (c == '\\') {
                    position += 2;
                } else if (c == quote) {
                    if (position + 1 < length && text[position + 1] == quote) {
                        position += 2;
                    } else if (position + 1 == length && !complete) {
                        // A doubled quote may straddle the end of the prefix.
                        return new Token(Kind.INCOMPLETE, start, length);
                    } else {
                        position++;
                        return new Token(Kind.OTHER, start, position);
                    }
                } else {
                    position++;
                }
            }
            position = length;
            return new Token(complete ? Kind.OTHER : Kind.INCOMPLETE, start, length);
        }

        /** Returns false when a comment, or what may start one, runs past the prefix. */
        private boolean skipSpaceAndComments() {
            while (position < length) {
                byte c = text[position];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                    position++;
                } else if (c == '-' || c == '/' || c == '#') {
                    if (position + 1 >= length) {
                        return complete;
                    }
                    byte d = text[position + 1];
                    if (c == '-' && d == '-' || c == '#' && (d == ' ' || d == '!')) {
                        int newline = indexOf((byte) '\n', position + 2);
                        if (newline < 0) {
                            position = length;
                            return complete;
                        }
                        position = newline + 1;
                    } else if (c == '/' && d == '*') {
                        if (!skipBlockComment()) {
                            return complete;
                        }
                    } else {
                        return true;
                    }
                } else {
                    return true;
                }
            }
            return true;
        }

        /** ClickHouse's block comments nest. */
        private boolean skipBlockComment() {
            int nesting = 0;
            while (position + 1 < length) {
                if (text[position] == '/' && text[position + 1] == '*') {
                    nesting++;
                    position += 2;
                } else if (text[position] == '*' && text[position + 1] == '/') {
                    nesting--;
                    position += 2;
                    if (nesting == 0) {
                        return true;
                    }
                } else {
                    position++;
                }
            }
            position = length;
            return false;
        }

        private int indexOf(byte b, int from) {
            for (int i = from; i < length; i++) {
                if (text[i] == b) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean isWordByte(byte c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                    || (c & 0x80) != 0;
        }
    }
}
