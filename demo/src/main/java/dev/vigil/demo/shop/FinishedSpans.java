package dev.vigil.demo.shop;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps every span its tracer provider ends, as the SDK would hand it to an exporter, so that the caller exports them
 * itself, when it chooses, and sees each export's own result (a batch processor would hide it). The demo sends its
 * spans this way; system tests that check each export's answer do too.
 */
public final class FinishedSpans implements SpanProcessor {

    private final List<SpanData> finished = Collections.synchronizedList(new ArrayList<>());

    /** The spans ended since the last call, oldest first; they are forgotten here. */
    public List<SpanData> take() {
        synchronized (finished) {
            List<SpanData> taken = List.copyOf(finished);
            finished.clear();
            return taken;
        }
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        finished.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
