-- Rules whose condition is a PromQL expression (kind `promql`, spec {"expr": ..., "group": ...}), among them rules
-- imported from Prometheus rule files. The spec column holds the expression, so only the kind check changes.

ALTER TABLE alert_rule DROP CONSTRAINT alert_rule_kind_check;
ALTER TABLE alert_rule ADD CONSTRAINT alert_rule_kind_check
    CHECK (kind IN ('metric_threshold', 'error_rate', 'latency_quantile', 'log_count', 'absence', 'promql'));
