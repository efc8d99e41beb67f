package dev.vigil.alert.api;

import dev.vigil.alert.route.Matcher;

import java.util.ArrayList;
import java.util.List;

/** Checks shared by the request bodies. */
final class Requests {

    private Requests() {
    }

    static <T> T required(T body) {
        if (body == null) {
            throw new InvalidRequestException(List.of(new FieldError("body", "is required")));
        }
        return body;
    }

    /** Reads {@code [{"label": ..., "op": ..., "value": ...}]}, adding an error per bad matcher. */
    static List<Matcher> matchers(String field, List<MatcherBody> bodies, List<FieldError> errors) {
        List<Matcher> matchers = new ArrayList<>();
        if (bodies == null) {
            return matchers;
        }
        for (int i = 0; i < bodies.size(); i++) {
            MatcherBody m = bodies.get(i);
            String at = field + "[" + i + "]";
            if (m == null || m.label() == null || !m.label().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                errors.add(new FieldError(at + ".label", "must be a label name"));
                continue;
            }
            Matcher.Op op = Matcher.Op.bySymbol(m.op() == null ? "=" : m.op()).orElse(null);
            if (op == null) {
                errors.add(new FieldError(at + ".op", "must be one of " + String.join(", ", Matcher.Op.symbols())));
                continue;
            }
            if (m.value() == null) {
                errors.add(new FieldError(at + ".value", "is required"));
                continue;
            }
            try {
                matchers.add(new Matcher(m.label(), op, m.value()));
            } catch (com.google.re2j.PatternSyntaxException e) {
                errors.add(new FieldError(at + ".value", "is not a valid regular expression: " + e.getDescription()));
            }
        }
        return matchers;
    }

    /** A label matcher in a request; {@code op} defaults to {@code =}. */
    public record MatcherBody(String label, String op, String value) {
    }
}
