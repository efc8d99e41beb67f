package dev.vigil.demo.shop;

import dev.vigil.demo.shop.PlannedSpan.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The shop's traffic, decided before anything is sent: the same seed always gives the same requests, ids, times,
 * durations and errors, so tests can compute every expected figure from the plan itself.
 *
 * <p>The shop: {@code frontend} serves {@code GET /products} (itself only) and {@code POST /checkout}, which calls
 * {@code cart} ({@code POST /cart/checkout}), which reads PostgreSQL and calls {@code payment}
 * ({@code POST /payments}), which writes PostgreSQL and publishes to Kafka. Every tenth request is a
 * {@code GET /stock} to {@code inventory} from an uninstrumented caller: a service that calls nothing.
 * Errors: {@link #PRODUCTS_ERROR_RATE} of product pages, {@link #CART_DB_ERROR_RATE} of cart reads and
 * {@link #PAYMENT_ERROR_RATE} of payments fail, and a failure fails every span above it.
 */
public final class ShopPlan {

    public static final String FRONTEND = "frontend";
    public static final String CART = "cart";
    public static final String PAYMENT = "payment";
    public static final String INVENTORY = "inventory";
    public static final String DATABASE = "postgresql";
    public static final String QUEUE = "kafka";
    public static final String NAMESPACE = "shop";

    public static final double CHECKOUT_SHARE = 0.4;
    public static final double PRODUCTS_ERROR_RATE = 0.02;
    public static final double CART_DB_ERROR_RATE = 0.03;
    public static final double PAYMENT_ERROR_RATE = 0.10;
    public static final int INVENTORY_EVERY = 10;

    private static final HexFormat HEX = HexFormat.of();

    private final Random outcomes;
    private final Random ids;

    private ShopPlan(long seed) {
        this.outcomes = new Random(seed);
        this.ids = new Random(~seed);
    }

    /**
     * {@code requests} requests, the first at {@code start}, then one every {@code 1 / ratePerSecond} seconds.
     */
    public static List<ShopRequest> generate(long seed, int requests, Instant start, double ratePerSecond) {
        ShopPlan plan = new ShopPlan(seed);
        long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        double interval = 1e9 / ratePerSecond;
        List<ShopRequest> out = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            long at = startNanos + Math.round(i * interval);
            if (i % INVENTORY_EVERY == INVENTORY_EVERY - 1) {
                out.add(plan.stock(at));
            } else if (plan.outcomes.nextDouble() < CHECKOUT_SHARE) {
                out.add(plan.checkout(at));
            } else {
                out.add(plan.products(at));
            }
        }
        return out;
    }

    /** A span under construction; its end and outcome are known only once its children are laid out. */
    private final class Draft {
        final String traceId;
        final String spanId = id(8);
        final String parentSpanId;
        final String service;
        final String name;
        final Kind kind;
        final long start;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        final List<PlannedSpan> children = new ArrayList<>();
        boolean error;
        String message = "";

        Draft(String traceId, Draft parent, String service, String name, Kind kind, long start) {
            this.traceId = traceId;
            this.parentSpanId = parent == null ? "" : parent.spanId;
            this.service = service;
            this.name = name;
            this.kind = kind;
            this.start = start;
        }

        Draft attr(String key, Object value) {
            attributes.put(key, value);
            return this;
        }

        Draft fail(String why) {
            error = true;
            message = why;
            return this;
        }

        PlannedSpan end(long end) {
            return new PlannedSpan(traceId, spanId, parentSpanId, service, name, kind, start, end, error, message,
                    Collections.unmodifiableMap(attributes),
                    List.copyOf(children));
        }

        PlannedSpan endIn(Draft parent, long end) {
            PlannedSpan span = end(end);
            parent.children.add(span);
            return span;
        }
    }

    private String id(int bytes) {
        byte[] b = new byte[bytes];
        do {
            ids.nextBytes(b);
        } while (allZero(b));
        return HEX.formatHex(b);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Uniform whole microseconds in [fromMicros, toMicros], as nanoseconds. */
    private long micros(int fromMicros, int toMicros) {
        return (fromMicros + outcomes.nextInt(toMicros - fromMicros + 1)) * 1_000L;
    }

    private Draft httpServer(String traceId, Draft parent, String service, String method, String route, long start) {
        return new Draft(traceId, parent, service, method + " " + route, Kind.SERVER, start)
                .attr("http.request.method", method)
                .attr("http.route", route)
                .attr("url.path", route);
    }

    private Draft httpClient(String traceId, Draft parent, String method, String route, String host, long start) {
        return new Draft(traceId, parent, parent.service, method + " " + route, Kind.CLIENT, start)
                .attr("http.request.method", method)
                .attr("server.address", host)
                .attr("server.port", 8080L)
                .attr("url.full", "http://" + host + ":8080" + route);
    }

    private Draft database(String traceId, Draft parent, String operation, String table, long start) {
        return new Draft(traceId, parent, parent.service, operation + " " + NAMESPACE + "." + table, Kind.CLIENT,
                start)
                .attr("db.system", DATABASE)
                .attr("db.namespace", NAMESPACE)
                .attr("db.operation.name", operation)
                .attr("db.collection.name", table)
                .attr("server.address", "postgres");
    }

    private ShopRequest products(long start) {
        String traceId = id(16);
        Draft page = httpServer(traceId, null, FRONTEND, "GET", "/products", start);
        long renderStart = start + micros(200, 800);
        Draft render = new Draft(traceId, page, FRONTEND, "render products", Kind.INTERNAL, renderStart);
        long rendered = render.endIn(page, renderStart + micros(1_000, 3_000)).endNanos();
        long end = rendered + micros(3_000, 20_000);
        boolean failed = outcomes.nextDouble() < PRODUCTS_ERROR_RATE;
        if (failed) {
            page.fail("catalog unavailable");
        }
        page.attr("http.response.status_code", failed ? 500L : 200L);
        return new ShopRequest(traceId, page.end(end));
    }

    private ShopRequest stock(long start) {
        String traceId = id(16);
        Draft stock = httpServer(traceId, null, INVENTORY, "GET", "/stock", start)
                .attr("http.response.status_code", 200L);
        return new ShopRequest(traceId, stock.end(start + micros(1_000, 4_000)));
    }

    private ShopRequest checkout(long start) {
        String traceId = id(16);
        Draft checkout = httpServer(traceId, null, FRONTEND, "POST", "/checkout", start);
        Draft toCart = httpClient(traceId, checkout, "POST", "/cart/checkout", CART, start + micros(500, 1_500));
        Draft cart = httpServer(traceId, toCart, CART, "POST", "/cart/checkout", toCart.start + micros(100, 400));

        Draft select = database(traceId, cart, "SELECT", "cart_items", cart.start + micros(200, 600));
        boolean cartReadFailed = outcomes.nextDouble() < CART_DB_ERROR_RATE;
        if (cartReadFailed) {
            select.fail("connection reset by peer");
        }
        long t = select.endIn(cart, select.start + micros(1_000, 5_000)).endNanos() + micros(100, 300);

        boolean paymentFailed = false;
        if (!cartReadFailed) {
            Draft toPayment = httpClient(traceId, cart, "POST", "/payments", PAYMENT, t);
            Draft payment = httpServer(traceId, toPayment, PAYMENT, "POST", "/payments",
                    toPayment.start + micros(100, 400));
            paymentFailed = outcomes.nextDouble() < PAYMENT_ERROR_RATE;
            long p = payment.start + micros(500, 2_000);
            if (paymentFailed) {
                payment.fail("payment provider unavailable");
            } else {
                Draft insert = database(traceId, payment, "INSERT", "payments", p);
                long inserted = insert.endIn(payment, p + micros(2_000, 8_000)).endNanos();
                Draft publish = new Draft(traceId, payment, PAYMENT, "payments publish", Kind.PRODUCER,
                        inserted + micros(50, 150))
                        .attr("messaging.system", QUEUE)
                        .attr("messaging.destination.name", "payments")
                        .attr("messaging.operation.type", "publish");
                p = publish.endIn(payment, publish.start + micros(500, 1_500)).endNanos();
            }
            payment.attr("http.response.status_code", paymentFailed ? 503L : 200L);
            long paymentEnd = payment.endIn(toPayment, p + micros(100, 300)).endNanos();
            if (paymentFailed) {
                toPayment.fail("503 Service Unavailable");
            }
            toPayment.attr("http.response.status_code", paymentFailed ? 503L : 200L);
            t = toPayment.endIn(cart, paymentEnd + micros(100, 400)).endNanos() + micros(200, 600);
        }
        boolean failed = cartReadFailed || paymentFailed;
        if (cartReadFailed) {
            cart.fail("cart could not be read");
        } else if (paymentFailed) {
            cart.fail("payment failed");
        }
        cart.attr("http.response.status_code", failed ? 502L : 200L);
        long cartEnd = cart.endIn(toCart, t).endNanos();
        if (failed) {
            toCart.fail("502 Bad Gateway");
            checkout.fail("checkout failed");
        }
        toCart.attr("http.response.status_code", failed ? 502L : 200L);
        long clientEnd = toCart.endIn(checkout, cartEnd + micros(100, 400)).endNanos();
        checkout.attr("http.response.status_code", failed ? 502L : 200L);
        return new ShopRequest(traceId, checkout.end(clientEnd + micros(500, 2_000)));
    }
}
