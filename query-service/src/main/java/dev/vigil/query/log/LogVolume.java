package dev.vigil.query.log;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many log records each bucket holds, per severity class. */
@Schema(name = "LogVolume")
public record LogVolume(
        @Schema(description = "Start of the first bucket: from, rounded down to a second") String from,
        @Schema(description = "End of the last bucket: to, rounded up to a second") String to,
        @Schema(description = "Bucket length in seconds; the last bucket may be shorter") long stepSeconds,
        @Schema(description = "Every bucket, empty ones included") List<Point> points) {

    /** The severity classes, in order: OpenTelemetry's ranges of four severity numbers each, and unset (0). */
    public static final List<String> CLASSES = List.of("UNSPECIFIED", "TRACE", "DEBUG", "INFO", "WARN", "ERROR",
            "FATAL");

    /** One bucket: {@code time} is its start, RFC 3339; every class has a count, zero included. */
    @Schema(name = "LogVolumePoint")
    public record Point(String time,
            @Schema(description = "Records per class: TRACE, DEBUG, INFO, WARN, ERROR, FATAL and UNSPECIFIED "
                    + "(severity number 0)") Map<String, Long> counts) {
    }
}
