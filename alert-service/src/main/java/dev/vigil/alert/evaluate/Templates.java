package dev.vigil.alert.evaluate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in annotation templates, in the subset of Prometheus' syntax that alerts need:
 * {@code {{ $value }}}, {@code {{ $labels.name }}} and {@code {{ humanize $value }}} (also {@code {{ $value | humanize }}}). Anything else is left as written.
 */
final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(humanize\\s+)?\\$(value|labels\\.([A-Za-z_][A-Za-z0-9_.]*))(\\s*\\|\\s*humanize)?\\s*}}");
    private static final String[] LARGE = {"", "k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] SMALL = {"", "m", "u", "n", "p", "f", "a", "z", "y"};

    private Templates() {
    }

    static Map<String, String> expand(Map<String, String> templates, double value, Map<String, String> labels) {
        Map<String, String> expanded = new LinkedHashMap<>();
        templates.forEach((name, template) -> expanded.put(name, expand(template, value, labels)));
        return expanded;
    }

    static String expand(String template, double value, Map<String, String> labels) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean humanized = m.group(1) != null || m.group(4) != null;
            String replacement = m.group(3) == null ? (humanized ? humanize(value) : format(value))
                    : labels.getOrDefault(m.group(3), "");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Four significant digits, no exponent, no trailing zeros: 0.5, 1234, 0.0001235. */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    /** Prometheus' {@code humanize}: an SI prefix and four significant digits, 1234567 as 1.235M, 0.0025 as 2.5m. */
    static String humanize(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return format(value);
        }
        double scaled = value;
        int step = 0;
        if (Math.abs(value) >= 1) {
            while (Math.abs(scaled) >= 1000 && step < LARGE.length - 1) {
                scaled /= 1000;
                step++;
            }
            return format(scaled) + LARGE[step];
        }
        while (Math.abs(scaled) < 1 && step < SMALL.length - 1) {
            scaled *= 1000;
            step++;
        }
        return format(scaled) + SMALL[step];
    }
}
