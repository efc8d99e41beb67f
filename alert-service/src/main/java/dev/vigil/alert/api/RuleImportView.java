package dev.vigil.alert.api;

import dev.vigil.alert.rulefile.SkippedRule;

import java.util.List;

/**
 * The answer to a rule file import: what was created and updated (with {@code dryRun}, what would be), the recording
 * rules skipped, and every problem at its path in the file ({@code groups[0].rules[2].expr}); rules with a problem
 * are not imported, the others are.
 */
public record RuleImportView(boolean dryRun, List<Imported> created, List<Imported> updated, List<SkippedRule> skipped,
                             List<FieldError> problems) {

    /**
     * One imported rule.
     *
     * @param id   the rule's id; {@code null} for a rule a dry run would create
     * @param path where it is in the file
     */
    public record Imported(String name, String group, String path, Long id) {
    }
}
