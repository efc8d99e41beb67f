package dev.vigil.query.trace;

import dev.vigil.http.error.ApiException;
import java.util.Locale;

/**
 * A W3C / OpenTelemetry trace id as the persist stage stores it: 32 lower-case hexadecimal characters.
 *
 * @param hex the canonical form, always lower case
 */
public record TraceId(String hex) {

    private static final int LENGTH = 32;

    /**
     * Accepts upper- or lower-case hex and normalises to lower case, which is how ids are stored. Rejects
     * everything else with a 400 that names the parameter; the input itself is not echoed back.
     */
    public static TraceId parse(String raw, String parameter) {
        if (raw == null || raw.length() != LENGTH) {
            throw ApiException.invalidParameter("path", parameter, "must be " + LENGTH
                    + " hexadecimal characters, got " + (raw == null ? 0 : raw.length()) + " characters");
        }
        boolean allZero = true;
        for (int i = 0; i < LENGTH; i++) {
            char c = raw.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                throw ApiException.invalidParameter("path", parameter, "must be " + LENGTH
                        + " hexadecimal characters, found a non-hexadecimal character at position " + (i + 1));
            }
            allZero &= c == '0';
        }
        if (allZero) {
            // The all-zero id means "no trace" in W3C Trace Context and OTLP.
            throw ApiException.invalidParameter("path", parameter, "must not be all zeros");
        }
        return new TraceId(raw.toLowerCase(Locale.ROOT));
    }
}
