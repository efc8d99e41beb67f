package dev.vigil.store.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The one way a value becomes the text of a ClickHouse server-side query parameter ({@code {name:Type}} in the SQL,
 * {@code param_name} on the wire). ClickHouse parses that text in its escaped format: a backslash starts an escape
 * sequence ({@code \\}, {@code \n}, {@code \t}, {@code \0}, {@code \'}, ...), a raw tab or line break ends the value
 * (and fails the query), and an {@code Array(String)} or {@code Map(String, String)} is read as its literal, with
 * each string quoted. Passing a value without this escaping changes it: {@code a\"b} arrives as {@code a"b}, which
 * silently changes what a filter matches. Every service passes values through here, never through its own quoting.
 */
public final class ServerParameters {

    private ServerParameters() {
    }

    /**
     * The parameters as ClickHouse must receive them: a {@link String} as {@link #string}, a {@link Collection} of
     * strings as {@link #array}, a {@link Map} of strings as {@link #map}; anything else (numbers, booleans) as it is.
     *
     * @throws IllegalArgumentException for a null value, or a collection or map holding a non-string
     */
    public static Map<String, Object> bind(Map<String, ?> parameters) {
        Map<String, Object> out = new HashMap<>(parameters.size() * 2);
        parameters.forEach((name, value) -> out.put(name, switch (value) {
            case String text -> string(text);
            case Collection<?> values -> array(strings(name, values));
            case Map<?, ?> entries -> map(stringMap(name, entries));
            case null -> throw new IllegalArgumentException("query parameter " + name + " is null");
            // Numbers, booleans and the like: their text has nothing to escape.
            default -> value;
        }));
        return out;
    }

    /** The text of a {@code String} parameter that ClickHouse reads as exactly {@code value}. */
    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            escape(value.charAt(i), out);
        }
        return out.toString();
    }

    /**
     * {@code value} as a ClickHouse string literal, {@code 'it\'s'}: for the elements of {@link #array} and
     * {@link #map}, and for the rare statement that cannot take a parameter.
     */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                out.append("\\'");
            } else {
                escape(c, out);
            }
        }
        return out.append('\'').toString();
    }

    /** The text of an {@code Array(String)} parameter: {@code ['a','b\'c']}. */
    public static String array(Collection<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (String value : values) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(literal(value));
        }
        return out.append(']').toString();
    }

    /** The text of a {@code Map(String, String)} parameter: {@code {'k':'v'}}, in the map's order. */
    public static String map(Map<String, String> entries) {
        StringBuilder out = new StringBuilder("{");
        entries.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(literal(key)).append(':').append(literal(value));
        });
        return out.append('}').toString();
    }

    /**
     * Backslash and the characters that end a value in the escaped format become escape sequences; everything
     * else, any Unicode included, is passed as it is (ClickHouse strings are bytes; the client sends UTF-8).
     */
    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            case '\0' -> out.append("\\0");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> out.append(c);
        }
    }

    private static Collection<String> strings(String name, Collection<?> values) {
        for (Object v : values) {
            if (!(v instanceof String)) {
                throw new IllegalArgumentException("query parameter " + name + " must hold strings only");
            }
        }
        @SuppressWarnings("unchecked")
        Collection<String> strings = (Collection<String>) values;
        return strings;
    }

    private static Map<String, String> stringMap(String name, Map<?, ?> entries) {
        entries.forEach((k, v) -> {
            if (!(k instanceof String) || !(v instanceof String)) {
                throw new IllegalArgumentException("query parameter " + name + " must map strings to strings");
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, String> strings = (Map<String, String>) entries;
        return strings;
    }
}
