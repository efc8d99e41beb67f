package dev.vigil.alert.condition;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How the points of a metric inside the window become one value per series. */
public enum Aggregation {
    AVG, MIN, MAX, SUM, COUNT, LAST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Aggregation> byId(String id) {
        return Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Aggregation::id).toList();
    }
}
