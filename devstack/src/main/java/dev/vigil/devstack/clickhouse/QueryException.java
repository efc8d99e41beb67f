package dev.vigil.devstack.clickhouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure the client should see as a ClickHouse exception: an error code, the error's name and
 * the text ClickHouse would send ({@code Code: N. DB::Exception: ... (NAME)}).
 */
final class QueryException extends RuntimeException {

    /** ClickHouse's code for an error that carries no code of its own (std::exception). */
    static final int UNKNOWN_CODE = 1001;

    private static final Pattern CODE = Pattern.compile("^Code: (\\d+)\\. ");
    private static final Pattern NAME = Pattern.compile("\\(([A-Z][A-Z0-9_]*)\\)\\s*(?:\\(version [^)]*\\)\\s*)?$");

    private final int code;
    private final String name;

    private QueryException(int code, String name, String text) {
        super(text);
        this.code = code;
        this.name = name;
    }

    /** An error raised here rather than by the engine, worded the way ClickHouse words it. */
    static QueryException of(int code, String name, String message) {
        return new QueryException(code, name, "Code: " + code + ". DB::Exception: " + message + ". (" + name + ")");
    }

    /** Wraps the engine's own error text, reading its code and name out of it. */
    static QueryException fromEngine(String text) {
        String trimmed = text.strip();
        Matcher code = CODE.matcher(trimmed);
        Matcher name = NAME.matcher(trimmed);
        String errorName = name.find() ? name.group(1) : "";
        if (code.find()) {
            return new QueryException(Integer.parseInt(code.group(1)), errorName, trimmed);
        }
        return new QueryException(UNKNOWN_CODE, errorName.isEmpty() ? "STD_EXCEPTION" : errorName,
                "Code: " + UNKNOWN_CODE + ". DB::Exception: " + trimmed);
    }

    int code() {
        return code;
    }

    /** The symbolic name, e.g. {@code UNKNOWN_TABLE}; empty when the engine gave none. */
    String name() {
        return name;
    }
}
