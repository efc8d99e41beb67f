package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DecodeSlotsTest {

    @Test
    void handsOutFreeSlotsAtOnceAndTheNextOnlyWhenOneIsReleased() throws Exception {
        DecodeSlots slots = new DecodeSlots(2);
        DecodeSlots.Slot first = slots.acquire(Duration.ofSeconds(5)).getNow(null);
        DecodeSlots.Slot second = slots.acquire(Duration.ofSeconds(5)).getNow(null);
        CompletableFuture<DecodeSlots.Slot> third = slots.acquire(Duration.ofSeconds(5));

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(third).isNotDone();
        assertThat(slots.used()).isEqualTo(2);

        first.release();
        first.release();
        assertThat(third.get(1, TimeUnit.SECONDS)).isNotNull();
        assertThat(slots.used()).as("the released slot went to the waiter; releasing twice gave back one").isEqualTo(2);
    }

    @Test
    void aWaiterGivesUpAfterItsWaitAndTheSlotPassesToTheNextWaiter() throws Exception {
        DecodeSlots slots = new DecodeSlots(1);
        DecodeSlots.Slot held = slots.acquire(Duration.ofSeconds(5)).getNow(null);
        CompletableFuture<DecodeSlots.Slot> impatient = slots.acquire(Duration.ofMillis(50));
        CompletableFuture<DecodeSlots.Slot> patient = slots.acquire(Duration.ofSeconds(5));

        Throwable gaveUp = impatient.handle((ok, e) -> e).get(5, TimeUnit.SECONDS);
        assertThat(gaveUp).isInstanceOf(TimeoutException.class);
        held.release();

        patient.get(1, TimeUnit.SECONDS).release();
        assertThat(slots.used()).isZero();
    }

    @Test
    void neverHandsOutMoreSlotsThanItHasUnderConcurrentUse() throws Exception {
        DecodeSlots slots = new DecodeSlots(3);
        int[] most = {0};
        CompletableFuture<?>[] all = new CompletableFuture<?>[200];
        for (int i = 0; i < all.length; i++) {
            all[i] = slots.acquire(Duration.ofSeconds(30)).thenAcceptAsync(slot -> {
                synchronized (most) {
                    most[0] = Math.max(most[0], slots.used());
                }
                slot.release();
            });
        }
        try {
            CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        assertThat(most[0]).isBetween(1, 3);
        assertThat(slots.used()).isZero();
    }
}
