package dev.vigil.demo.cluster;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.resources.Resource;

import java.util.List;

/**
 * One gauge with one point, for one resource. The simulator builds its metric data directly rather than
 * through instruments, because a meter provider carries a single resource and the simulated cluster is
 * many: every node, pod and container is a resource of its own, as the receivers report them.
 */
final class Gauge implements MetricData {

    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final String name;
    private final String unit;
    private final MetricDataType type;
    private final Data<?> data;

    private Gauge(Resource resource, InstrumentationScopeInfo scope, String name, String unit, MetricDataType type,
            Data<?> data) {
        this.resource = resource;
        this.scope = scope;
        this.name = name;
        this.unit = unit;
        this.type = type;
        this.data = data;
    }

    static Gauge ofDouble(Resource resource, InstrumentationScopeInfo scope, String name, String unit, double value,
            long epochNanos) {
        return new Gauge(resource, scope, name, unit, MetricDataType.DOUBLE_GAUGE, GaugeData.createDoubleGaugeData(
                List.of(DoublePointData.create(epochNanos, epochNanos, Attributes.empty(), value, List.of()))));
    }

    static Gauge ofLong(Resource resource, InstrumentationScopeInfo scope, String name, String unit, long value,
            long epochNanos) {
        return new Gauge(resource, scope, name, unit, MetricDataType.LONG_GAUGE, GaugeData.createLongGaugeData(
                List.of(LongPointData.create(epochNanos, epochNanos, Attributes.empty(), value))));
    }

    @Override
    public Resource getResource() {
        return resource;
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return scope;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return "";
    }

    @Override
    public String getUnit() {
        return unit;
    }

    @Override
    public MetricDataType getType() {
        return type;
    }

    @Override
    public Data<?> getData() {
        return data;
    }
}
