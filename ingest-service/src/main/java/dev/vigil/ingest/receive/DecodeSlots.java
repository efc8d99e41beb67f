package dev.vigil.ingest.receive;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fixed number of slots for decoding requests, handed out in arrival order. A request that finds
 * every slot taken waits in line without holding a thread, for as long as the requests ahead of it take:
 * it was admitted, its body is in and counted against the admission budget, and refusing it now would
 * waste what the client sent. The line stays short because {@link RequestAdmission} lets no request in
 * while it is full.
 */
final class DecodeSlots {
    private final int max;
    /** Told when the line got shorter, outside the lock: admission may let a request in then. */
    private final Runnable lineMoved;
    /** Guarded by {@code this}, as is {@link #used}. */
    private final ArrayDeque<CompletableFuture<Slot>> waiting = new ArrayDeque<>();
    private int used;

    DecodeSlots(int max, Runnable lineMoved) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one decode slot, was " + max);
        }
        this.max = max;
        this.lineMoved = lineMoved;
    }

    /** Completes with a slot once one is free. A slot must be released exactly once; releasing again is harmless. */
    CompletableFuture<Slot> acquire() {
        CompletableFuture<Slot> next = new CompletableFuture<>();
        synchronized (this) {
            if (used < max) {
                used++;
                next.complete(new Slot());
            } else {
                waiting.add(next);
            }
        }
        return next;
    }

    int used() {
        synchronized (this) {
            return used;
        }
    }

    /** Requests in line for a slot. */
    int waiting() {
        synchronized (this) {
            return waiting.size();
        }
    }

    int max() {
        return max;
    }

    private void handOver() {
        CompletableFuture<Slot> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                used--;
                return;
            }
        }
        // Completed outside the lock: the waiter's decode may start on this thread.
        next.complete(new Slot());
        lineMoved.run();
    }

    /** One decode's right to run; {@link #release} gives it to the next waiter. */
    final class Slot {
        private final AtomicBoolean released = new AtomicBoolean();

        void release() {
            if (released.compareAndSet(false, true)) {
                handOver();
            }
        }
    }
}
