package dev.vigil.alert.rulefile;

/**
 * One problem of a rule file, at the path of the part at fault.
 *
 * @param path where in the file, as {@code groups[0].rules[2].expr}
 */
public record FileProblem(String path, String message) {
}
