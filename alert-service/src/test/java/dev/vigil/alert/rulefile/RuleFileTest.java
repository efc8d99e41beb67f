package dev.vigil.alert.rulefile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleFileTest {

    @Test
    void readsAlertingRulesWithTheirGroupDurationsLabelsAndAnnotations() {
        RuleFile file = RuleFile.read("""
                groups:
                  - name: api
                    interval: 30s
                    labels:
                      team: shop
                    rules:
                      - alert: HighErrorRate
                        expr: sum by (job) (rate(errors_total[5m])) > 1
                        for: 1m30s
                        keep_firing_for: 500ms
                        labels:
                          severity: page
                          team: payments
                        annotations:
                          summary: "{{ $labels.job }} fails {{ $value }}/s"
                  - name: batch
                    rules:
                      - alert: Always
                        expr: 1
                """);

        assertThat(file.problems()).isEmpty();
        assertThat(file.rules()).containsExactly(
                new ImportedRule("groups[0].rules[0]", "groups[0]", "api", "HighErrorRate",
                        "sum by (job) (rate(errors_total[5m])) > 1", 30, 90, 1,
                        Map.of("severity", "page", "team", "payments"), Map.of("summary", "{{ $labels.job }} fails {{ $value }}/s")),
                new ImportedRule("groups[1].rules[0]", "groups[1]", "batch", "Always", "1", null, 0, 0, Map.of(), Map.of()));
    }

    @Test
    void skipsRecordingRulesWithTheReason() {
        RuleFile file = RuleFile.read("""
                groups:
                  - name: g
                    rules:
                      - record: job:errors:rate5m
                        expr: sum by (job) (rate(errors_total[5m]))
                      - alert: A
                        expr: job:errors:rate5m > 1
                """);

        assertThat(file.skipped()).containsExactly(new SkippedRule("groups[0].rules[0]", "job:errors:rate5m",
                RuleFile.RECORDING_NOT_SUPPORTED));
        assertThat(file.rules()).extracting(ImportedRule::alert).containsExactly("A");
    }

    @Test
    void reportsEachProblemAtItsPathAndKeepsTheRulesWithout() {
        RuleFile file = RuleFile.read("""
                groups:
                  - name: g
                    rules:
                      - alert: BadFor
                        expr: up == 0
                        for: 5 minutes
                      - alert: Typo
                        exp: up == 0
                      - expr: up == 0
                      - alert: Templated
                        expr: up == 0
                        labels:
                          instance: "{{ $labels.instance }}"
                      - alert: Good
                        expr: up == 0
                  - name: g
                    rules: []
                """);

        assertThat(file.problems()).extracting(FileProblem::path).containsExactly("groups[0].rules[0].for",
                "groups[0].rules[1].exp", "groups[0].rules[2].alert", "groups[0].rules[3].labels.instance",
                "groups[1].name");
        assertThat(file.rules()).extracting(ImportedRule::alert).containsExactly("Good");
    }

    @Test
    void refusesWhatIsNotARuleFileAsAWhole() {
        assertThat(RuleFile.read("groups: [unclosed").problems()).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("body"))
                .satisfies(p -> assertThat(p.message()).startsWith("is not YAML"));
        assertThat(RuleFile.read("rules: []").problems()).containsExactly(
                new FileProblem("body", "is not a Prometheus rule file: it needs a list of groups"));
    }
}
