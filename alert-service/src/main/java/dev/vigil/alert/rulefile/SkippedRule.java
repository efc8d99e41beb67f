package dev.vigil.alert.rulefile;

/**
 * A rule of the file that is not imported, and why: a recording rule.
 *
 * @param name the rule's {@code record} name
 */
public record SkippedRule(String path, String name, String reason) {
}
