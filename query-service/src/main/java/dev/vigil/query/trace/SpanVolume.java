package dev.vigil.query.trace;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many spans started in each bucket, for span-count panels. */
@Schema(name = "SpanVolume")
public record SpanVolume(
        @Schema(description = "Start of the first bucket: start, rounded down to a second") String start,
        @Schema(description = "End of the last bucket: end, rounded up to a second") String end,
        @Schema(description = "Bucket length in seconds; the last bucket may be shorter") long step,
        @Schema(description = "Every bucket, empty ones included") List<Point> points,
        @Schema(description = "Spans in all the buckets") long total) {

    /** One bucket: {@code time} is its start, RFC 3339. */
    @Schema(name = "SpanVolumePoint")
    public record Point(String time, long count) {
    }
}
