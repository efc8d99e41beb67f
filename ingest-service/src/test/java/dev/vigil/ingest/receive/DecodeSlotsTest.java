package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DecodeSlotsTest {

    @Test
    void handsOutFreeSlotsAtOnceAndTheNextOnlyWhenOneIsReleased() throws Exception {
        DecodeSlots slots = new DecodeSlots(2, () -> { });
        DecodeSlots.Slot first = slots.acquire().getNow(null);
        DecodeSlots.Slot second = slots.acquire().getNow(null);
        CompletableFuture<DecodeSlots.Slot> third = slots.acquire();

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(third).isNotDone();
        assertThat(slots.used()).isEqualTo(2);
        assertThat(slots.waiting()).isEqualTo(1);

        first.release();
        first.release();
        assertThat(third.get(1, TimeUnit.SECONDS)).isNotNull();
        assertThat(slots.used()).as("the released slot went to the waiter; releasing twice gave back one").isEqualTo(2);
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void waitersGetSlotsInTheOrderTheyCameHoweverLongTheyWait() throws Exception {
        DecodeSlots slots = new DecodeSlots(1, () -> { });
        DecodeSlots.Slot held = slots.acquire().getNow(null);
        List<Integer> served = new ArrayList<>();
        List<CompletableFuture<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int waiter = i;
            waiters.add(slots.acquire().thenAccept(slot -> {
                served.add(waiter);
                slot.release();
            }));
        }
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(waiters).as("nobody gives up while the slot is held").noneMatch(CompletableFuture::isDone);

        held.release();
        CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertThat(served).containsExactly(0, 1, 2, 3, 4);
        assertThat(slots.used()).isZero();
    }

    @Test
    void neverHandsOutMoreSlotsThanItHasUnderConcurrentUse() throws Exception {
        DecodeSlots slots = new DecodeSlots(3, () -> { });
        int[] most = {0};
        CompletableFuture<?>[] all = new CompletableFuture<?>[200];
        for (int i = 0; i < all.length; i++) {
            all[i] = slots.acquire().thenAcceptAsync(slot -> {
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
