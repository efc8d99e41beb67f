package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.ServerException;
import java.util.Set;

/**
 * Whether a ClickHouse failure is worth retrying with the same data. Only the server's verdict that
 * the data itself cannot be read is permanent; unreachable servers, timeouts, missing tables, memory
 * or part limits all pass once the server or its operator recovers, so they are retried.
 */
public final class ClickHouseErrors {
    /**
     * Server error codes that reject the data itself: CANNOT_PARSE_TEXT (6),
     * CANNOT_PARSE_INPUT_ASSERTION_FAILED (27), CANNOT_PARSE_DATE (38), CANNOT_PARSE_DATETIME (41),
     * TYPE_MISMATCH (53), CANNOT_CONVERT_TYPE (70), CANNOT_PARSE_NUMBER (72), INCORRECT_DATA (117),
     * TOO_LARGE_ARRAY_SIZE (128), TOO_LARGE_STRING_SIZE (131).
     */
    private static final Set<Integer> DATA_REJECTED = Set.of(6, 27, 38, 41, 53, 70, 72, 117, 128, 131);

    private ClickHouseErrors() {
    }

    public static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return DATA_REJECTED.contains(server.getCode());
            }
        }
        return false;
    }
}
