package dev.vigil.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cuts a PromQL expression into tokens, as Prometheus's lexer does (comments, three quoting styles, durations). */
final class Lexer {

    enum Kind { IDENT, NUMBER, DURATION, STRING, OPERATOR, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE,
        LEFT_BRACKET, RIGHT_BRACKET, COMMA, COLON, AT, EOF }

    record Token(Kind kind, String text, int position) {
        boolean is(Kind k, String t) {
            return kind == k && text.equalsIgnoreCase(t);
        }

        @Override
        public String toString() {
            return kind == Kind.EOF ? "end of input" : kind == Kind.STRING ? "string" : "\"" + text + "\"";
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|[smhdwy]))+");
    private static final Pattern NUMBER = Pattern.compile("0[xX][0-9a-fA-F]+|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "=~", "!~", "<", ">", "=", "+", "-", "*", "/", "%", "^");

    private final String input;
    private int at;
    private int bracketDepth;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokens(String input) {
        return new Lexer(input).all();
    }

    private List<Token> all() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (at >= input.length()) {
                out.add(new Token(Kind.EOF, "", at));
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (at < input.length()) {
            char c = input.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '#') {
                while (at < input.length() && input.charAt(at) != '\n') {
                    at++;
                }
            } else {
                return;
            }
        }
    }

    private Token next() {
        int start = at;
        char c = input.charAt(at);
        switch (c) {
            case '(' -> { at++; return new Token(Kind.LEFT_PAREN, "(", start); }
            case ')' -> { at++; return new Token(Kind.RIGHT_PAREN, ")", start); }
            case '{' -> { at++; return new Token(Kind.LEFT_BRACE, "{", start); }
            case '}' -> { at++; return new Token(Kind.RIGHT_BRACE, "}", start); }
            case '[' -> { at++; bracketDepth++; return new Token(Kind.LEFT_BRACKET, "[", start); }
            case ']' -> { at++; bracketDepth = Math.max(0, bracketDepth - 1); return new Token(Kind.RIGHT_BRACKET, "]", start); }
            case ',' -> { at++; return new Token(Kind.COMMA, ",", start); }
            case '@' -> { at++; return new Token(Kind.AT, "@", start); }
            case '"', '\'' -> { return new Token(Kind.STRING, quoted(c), start); }
            case '`' -> { return new Token(Kind.STRING, raw(), start); }
            default -> { }
        }
        if (c == ':' && bracketDepth > 0) {
            at++;
            return new Token(Kind.COLON, ":", start);
        }
        if (Character.isDigit(c) || (c == '.' && at + 1 < input.length() && Character.isDigit(input.charAt(at + 1)))) {
            Matcher d = DURATION.matcher(input).region(at, input.length());
            if (d.lookingAt() && !identPart(d.end())) {
                at = d.end();
                return new Token(Kind.DURATION, input.substring(start, at), start);
            }
            Matcher n = NUMBER.matcher(input).region(at, input.length());
            if (n.lookingAt()) {
                at = n.end();
                if (identPart(at)) {
                    throw new PromQlSyntaxException(start, "bad number or duration syntax: \"" + input.substring(start, at + 1) + "\"");
                }
                return new Token(Kind.NUMBER, input.substring(start, at), start);
            }
        }
        if (identStart(c)) {
            while (at < input.length() && identPart(at)) {
                at++;
            }
            return new Token(Kind.IDENT, input.substring(start, at), start);
        }
        for (String op : OPERATORS) {
            if (input.startsWith(op, at)) {
                at += op.length();
                return new Token(Kind.OPERATOR, op, start);
            }
        }
        throw new PromQlSyntaxException(start, "unexpected character: '" + c + "'");
    }

    private boolean identStart(char c) {
        return Character.isLetter(c) && c < 128 || c == '_' || (c == ':' && bracketDepth == 0);
    }

    private boolean identPart(int i) {
        if (i >= input.length()) {
            return false;
        }
        char c = input.charAt(i);
        return identStart(c) || Character.isDigit(c);
    }

    private String quoted(char quote) {
        int start = at++;
        StringBuilder out = new StringBuilder();
        while (at < input.length()) {
            char c = input.charAt(at++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\n') {
                break;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= input.length()) {
                break;
            }
            char e = input.charAt(at++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '"', '\'' -> out.append(e);
                case 'x' -> out.append((char) hex(2, start));
                case 'u' -> out.appendCodePoint(hex(4, start));
                case 'U' -> out.appendCodePoint(hex(8, start));
                default -> throw new PromQlSyntaxException(at - 2, "unknown escape sequence '\\" + e + "'");
            }
        }
        throw new PromQlSyntaxException(start, "unterminated quoted string");
    }

    private int hex(int digits, int start) {
        if (at + digits > input.length()) {
            throw new PromQlSyntaxException(start, "unterminated quoted string");
        }
        try {
            int v = Integer.parseInt(input.substring(at, at + digits), 16);
            at += digits;
            return v;
        } catch (NumberFormatException e) {
            throw new PromQlSyntaxException(at, "illegal character in escape sequence");
        }
    }

    private String raw() {
        int start = at++;
        int end = input.indexOf('`', at);
        if (end < 0) {
            throw new PromQlSyntaxException(start, "unterminated raw string");
        }
        String s = input.substring(at, end);
        at = end + 1;
        return s;
    }
}
