package dev.vigil.demo.shop;

import dev.vigil.demo.DemoOptions;
import dev.vigil.demo.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** {@code ./vigil demo shop}: the simulated shop of {@link ShopPlan}, sent with {@link ShopTelemetry}. */
public final class ShopScenario implements Scenario {

    private static final int CHUNK = 2_000;

    @Override
    public String name() {
        return "shop";
    }

    @Override
    public String description() {
        return "frontend -> cart -> payment -> PostgreSQL and Kafka; traces, metrics and logs";
    }

    @Override
    public void run(DemoOptions options) throws Exception {
        if (options.seed().isPresent()) {
            runSeeded(options, options.seed().get());
        } else {
            runLive(options);
        }
    }

    private static void runSeeded(DemoOptions options, long seed) {
        List<ShopRequest> plan = ShopPlan.generate(seed, options.requests(), options.start(), options.rate());
        long start = options.start().getEpochSecond() * 1_000_000_000L + options.start().getNano();
        try (ShopTelemetry telemetry = new ShopTelemetry(options.endpoint(), options.token(),
                EnumSet.allOf(ShopTelemetry.Signal.class), start)) {
            for (int from = 0; from < plan.size(); from += CHUNK) {
                telemetry.send(plan.subList(from, Math.min(plan.size(), from + CHUNK)));
            }
            telemetry.flushMetrics();
        }
        System.out.printf("shop: sent %d requests (seed %d) starting at %s%n", plan.size(), seed, options.start());
    }

    // One second of traffic at a time, stamped with the wall clock, each second a fresh seed.
    private static void runLive(DemoOptions options) throws InterruptedException {
        Instant until = options.duration().map(d -> Instant.now().plus(d)).orElse(Instant.MAX);
        int perSecond = Math.max(1, (int) Math.round(options.rate()));
        long sent = 0;
        Instant second = Instant.now();
        try (ShopTelemetry telemetry = new ShopTelemetry(options.endpoint(), options.token(),
                EnumSet.allOf(ShopTelemetry.Signal.class), second.getEpochSecond() * 1_000_000_000L + second.getNano())) {
            while (Instant.now().isBefore(until) && !Thread.currentThread().isInterrupted()) {
                telemetry.send(ShopPlan.generate(ThreadLocalRandom.current().nextLong(), perSecond, second,
                        options.rate()));
                sent += perSecond;
                if (sent % (perSecond * 10L) == 0) {
                    System.out.printf("shop: %d requests sent%n", sent);
                }
                second = second.plusSeconds(1);
                long wait = Duration.between(Instant.now(), second).toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        }
        System.out.printf("shop: done, %d requests sent%n", sent);
    }
}
