package dev.vigil.ingest.receive;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the receiver lets in at once, on both transports, decided before a request's body is read: its
 * bytes must fit in the budget of request bytes held, and the line of requests waiting for a decode
 * slot must be shorter than the budget's worth of largest requests ({@code admission.max-bytes /
 * max-request-bytes}). OTLP/HTTP requests are let in in the order they came: one that does not fit waits,
 * its body unread, behind those that came before it, for at most {@code admission.wait}, and is then
 * refused (429 with a retry delay). So room that comes free goes to the request that waited longest, not
 * to whichever client happens to ask at that moment — a client that was just answered, on a connection it
 * keeps, would otherwise take it again and again. An OTLP/gRPC call cannot wait so: the message data of a
 * call that is not read holds HTTP/2 flow-control window that the other calls on its connection need, an
 * admitted one's included. So a gRPC call is let in or refused ({@code RESOURCE_EXHAUSTED}) at once, and
 * the room of one largest request is kept for gRPC calls: waiting HTTP requests fill the budget only up
 * to {@code max-bytes - max-request-bytes}, or they would take every room that comes free. Once in, a
 * request is decoded in arrival order and never refused for load before it is decoded, so a client is
 * not told "later" after it sent its whole body. Its {@link Ticket} is released when the request is
 * done, whatever its outcome, so the budget bounds memory, and the line bounds the wait for decoding,
 * however many clients send at once.
 */
@Singleton
final class RequestAdmission {
    private final InFlightBytes bytes;
    private final DecodeSlots decodes;
    private final int maxWaiting;
    private final Duration wait;
    /** The most that requests able to wait may hold: the rest is kept for calls that cannot wait. */
    private final long waitersLimit;
    private final ReceiveMeters meters;
    /** Requests waiting for room, oldest first; guarded by {@code this}. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    @Inject
    RequestAdmission(ReceiveConfig config, ReceiveMeters meters) {
        this(config.admission().maxBytes(), config.admission().decodes(),
                (int) Math.min(Integer.MAX_VALUE, config.admission().maxBytes() / config.maxRequestBytes()),
                config.admission().waitForRoom(), config.admission().maxBytes() - config.maxRequestBytes(), meters);
    }

    RequestAdmission(long maxBytes, int decodes, int maxWaiting, Duration wait, long waitersLimit, ReceiveMeters meters) {
        this.bytes = new InFlightBytes(maxBytes);
        this.waitersLimit = waitersLimit;
        this.decodes = new DecodeSlots(decodes, this::letIn);
        this.maxWaiting = Math.max(1, maxWaiting);
        this.wait = wait;
        this.meters = meters;
        meters.admissionBytes(bytes);
        meters.decodes(this.decodes);
        meters.admissionWaiting(this);
    }

    /**
     * Completes with a ticket holding {@code initial} bytes once the request is let in — at once when
     * nobody waits and it fits — or with null when it was not let in within {@code admission.wait}
     * (counted as refused). Cancelling the future (the client went away) leaves the line.
     */
    CompletableFuture<Ticket> admit(String transport, long initial) {
        Waiter waiter;
        synchronized (this) {
            if (waiters.isEmpty() && fits(initial, waitersLimit)) {
                meters.admitted(transport);
                return CompletableFuture.completedFuture(new Ticket(transport, initial));
            }
            if (wait.isZero()) {
                meters.admissionRefused(transport, reason());
                return CompletableFuture.completedFuture(null);
            }
            waiter = new Waiter(transport, initial, new CompletableFuture<>());
            waiters.add(waiter);
        }
        waiter.admitted.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ticket, failure) -> {
            if (ticket == null && failure == null) {
                meters.admissionRefused(transport, reason());
            }
        });
        // The waiter leaves the line as soon as it gave up; letIn() also skips it should it come first.
        waiter.admitted.whenComplete((ticket, failure) -> {
            if (ticket == null) {
                synchronized (this) {
                    waiters.remove(waiter);
                }
                letIn();
            }
        });
        return waiter.admitted;
    }

    /**
     * A ticket holding {@code initial} bytes for a request that cannot wait, or null (counted as refused)
     * when it does not fit now; it may take the room kept from waiting requests.
     */
    Ticket admitNow(String transport, long initial) {
        synchronized (this) {
            if (fits(initial, Long.MAX_VALUE)) {
                meters.admitted(transport);
                return new Ticket(transport, initial);
            }
        }
        meters.admissionRefused(transport, reason());
        return null;
    }

    /** Under the lock: whether a request of {@code size} bytes may come in now, within {@code limit}; if so, its bytes are taken. */
    private boolean fits(long size, long limit) {
        return decodes.waiting() < maxWaiting && bytes.tryAcquire(size, limit);
    }

    private ReceiveMeters.Refusal reason() {
        return decodes.waiting() >= maxWaiting ? ReceiveMeters.Refusal.DECODE_LINE : ReceiveMeters.Refusal.BYTES;
    }

    /** Lets in the waiters at the head of the line while there is room; called whenever room may have come free. */
    private void letIn() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiters.peek();
                if (next == null) {
                    return;
                }
                if (!next.admitted.isDone()) {
                    if (!fits(next.bytes, waitersLimit)) {
                        return;
                    }
                }
                waiters.poll();
                if (next.admitted.isDone()) {
                    continue;
                }
            }
            // Completed outside the lock: what the request does next (reading its body) runs here.
            if (next.admitted.complete(new Ticket(next.transport, next.bytes))) {
                meters.admitted(next.transport);
            } else {
                bytes.release(next.bytes); // it gave up, or its client went away, just now
            }
        }
    }

    synchronized int waitingForRoom() {
        return waiters.size();
    }

    /** A decode slot, once the requests ahead in line have theirs; it never fails. */
    CompletableFuture<DecodeSlots.Slot> decodeSlot() {
        return decodes.acquire();
    }

    private record Waiter(String transport, long bytes, CompletableFuture<Ticket> admitted) {
    }

    /** Why {@link #admit} refused, as the client is told. */
    OverloadedException overloaded() {
        int waiting = decodes.waiting();
        if (waiting >= maxWaiting) {
            return new OverloadedException(waiting + " requests are waiting to be decoded, the most the receiver lets"
                    + " wait (vigil.ingest.receive.admission.max-bytes / max-request-bytes) is " + maxWaiting
                    + "; send it again later");
        }
        return new OverloadedException("the receiver holds " + bytes.current() + " bytes of requests, the most"
                + " vigil.ingest.receive.admission.max-bytes allows is " + bytes.max() + "; send it again later");
    }

    long current() {
        return bytes.current();
    }

    /** The bytes one request holds; they change as its body arrives, and go back to the budget once. */
    final class Ticket {
        private final String transport;
        private long held;
        private boolean released;

        private Ticket(String transport, long held) {
            this.transport = transport;
            this.held = held;
        }

        /**
         * Holds {@code total} bytes from now on, if the budget has room for the difference: a body
         * without a length grows as it arrives; a gRPC message, once in, shrinks the reservation to
         * its size. False (and counted as refused) when it cannot grow; the ticket then holds what it held.
         */
        boolean resize(long total) {
            synchronized (this) {
                if (released || total == held) {
                    return !released;
                }
                if (total > held) {
                    if (!bytes.tryAcquire(total - held)) {
                        meters.admissionRefused(transport, ReceiveMeters.Refusal.BYTES);
                        return false;
                    }
                    held = total;
                    return true;
                }
                bytes.release(held - total);
                held = total;
            }
            letIn();
            return true;
        }

        synchronized long held() {
            return held;
        }

        /** Gives the bytes back, to the requests waiting for room first; only the first call does anything. */
        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
                bytes.release(held);
                held = 0;
            }
            letIn();
        }
    }
}
