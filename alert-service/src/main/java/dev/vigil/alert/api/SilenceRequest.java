package dev.vigil.alert.api;

import dev.vigil.alert.route.Matcher;
import dev.vigil.alert.route.SilenceDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST} and {@code PUT /api/v1/silences}: at least one matcher, an end after the start
 * (which defaults to now), and the author in {@code createdBy}.
 */
public record SilenceRequest(List<Requests.MatcherBody> matchers, Instant startsAt, Instant endsAt, String createdBy,
                             String comment) {

    SilenceDefinition toDefinition() {
        List<FieldError> errors = new ArrayList<>();
        List<Matcher> silenceMatchers = Requests.matchers("matchers", matchers, errors);
        if (matchers == null || matchers.isEmpty()) {
            errors.add(new FieldError("matchers", "needs at least one matcher"));
        }
        Instant start = startsAt == null ? Instant.now() : startsAt;
        if (endsAt == null) {
            errors.add(new FieldError("endsAt", "is required"));
        } else if (!endsAt.isAfter(start)) {
            errors.add(new FieldError("endsAt", "must be after startsAt"));
        }
        if (createdBy == null || createdBy.isBlank()) {
            errors.add(new FieldError("createdBy", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new SilenceDefinition(silenceMatchers, start, endsAt, createdBy.strip(), comment == null ? "" : comment);
    }
}
