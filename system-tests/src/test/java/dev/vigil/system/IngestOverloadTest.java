package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.devstack.testing.TestCredentials;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The packaged ingest-service, with the heap and JVM options {@code ./vigil up} gives it (deploy/heap.properties,
 * deploy/jvm-options.properties), sent far more OTLP than it can take: {@code vigil.overload.clients} clients
 * (100 unless set) per way of sending —
 * OTLP/HTTP protobuf, OTLP/HTTP JSON, OTLP/HTTP gzip (JSON), OTLP/gRPC, OTLP/gRPC gzip — each sending
 * exports just under the 4 MiB request limit back to back for {@code vigil.overload.seconds} (60 unless
 * set, as in the default suite), over the ways named in {@code vigil.overload.ways} (all unless set, e.g.
 * {@code HTTP_JSON,HTTP_JSON_GZIP} to look at one encoding). Like OTLP exporters, a client sends the
 * same export again after a 429 / {@code RESOURCE_EXHAUSTED} once the retry delay passed, and drops it
 * after a 503 / {@code UNAVAILABLE} (which may follow a partial write to Kafka; sending it again could
 * store it twice).
 *
 * <p>Every request is answered, with 200, 429 or 503 only; the service never runs out of memory and is
 * healthy afterwards; and every span of every export answered 200 is stored exactly once.
 */
class IngestOverloadTest {
    private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    /** The service's default {@code Retry-After}, which the clients honour. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** The ways of sending; each has its own clients. */
    enum Way {
        HTTP_PROTOBUF, HTTP_JSON, HTTP_JSON_GZIP, GRPC, GRPC_GZIP;

        boolean json() {
            return this == HTTP_JSON || this == HTTP_JSON_GZIP;
        }
    }

    /** What one request was answered, as the HTTP status or the gRPC code's HTTP counterpart. */
    private final Map<Way, Map<String, AtomicInteger>> answers = new EnumMap<>(Way.class);
    private final Map<Integer, Integer> accepted = new ConcurrentHashMap<>();
    private final Set<Integer> dropped = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextRequest = new AtomicInteger(1);
    private final AtomicLong acceptedBytes = new AtomicLong();

    @Test
    void answersEveryMaximumSizeExportWith200Or429Or503StoresEveryAcceptedSpanOnceAndStaysHealthy() throws Exception {
        int clients = Integer.getInteger("vigil.overload.clients", 100);
        Duration load = Duration.ofSeconds(Long.getLong("vigil.overload.seconds", 60));
        List<Way> ways = ways(System.getProperty("vigil.overload.ways", ""));
        String service = "overload-" + System.nanoTime();
        int run = 1 + ThreadLocalRandom.current().nextInt(0xfffe);
        long start = System.currentTimeMillis() * 1_000_000L;
        MaxSizeExport protobuf = MaxSizeExport.protobuf(service, run, MAX_REQUEST_BYTES, start);
        MaxSizeExport json = MaxSizeExport.json(service, run, MAX_REQUEST_BYTES, start);
        System.out.printf("exports: protobuf %d bytes / %d spans, JSON %d bytes / %d spans%n", protobuf.size(),
                protobuf.spans(), json.size(), json.spans());
        for (Way way : ways) {
            answers.put(way, new ConcurrentHashMap<>());
        }

        try (PackagedService ingest = PackagedService.ingest(Map.of())) {
            HttpClient http = httpClient();
            List<HttpClient> httpClients = new ArrayList<>();
            List<ManagedChannel> channels = new ArrayList<>();
            HeapSampler heap = new HeapSampler(http, ingest);
            ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
            // The clock starts once every client holds its first export: building 500 of them takes a while.
            int total = clients * ways.size();
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(total);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            AtomicLong deadline = new AtomicLong();
            Map<Future<?>, Way> running = new java.util.LinkedHashMap<>();
            try {
                heap.start();
                for (Way way : ways) {
                    for (int c = 0; c < clients; c++) {
                        ManagedChannel channel = null;
                        // Ten clients share an HTTP client (its own selector thread) or a gRPC channel (one
                        // connection), as the exporters of one process would.
                        if (c % 10 == 0) {
                            httpClients.add(httpClient());
                        }
                        if (way == Way.GRPC || way == Way.GRPC_GZIP) {
                            if (c % 10 == 0) {
                                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", grpcPort(ingest)).usePlaintext()
                                        .compressorRegistry(PRECOMPRESSED)
                                        .intercept(MetadataUtils.newAttachHeadersInterceptor(ingestToken())).build());
                            }
                            channel = channels.getLast();
                        }
                        Client client = new Client(way, way.json() ? json : protobuf, httpClients.getLast(), channel,
                                ingest, deadline);
                        running.put(senders.submit(() -> client.run(ready, go)), way);
                    }
                }
                assertThat(ready.await(300, TimeUnit.SECONDS)).as("every client built its first export").isTrue();
                deadline.set(System.nanoTime() + load.toNanos());
                go.countDown();
                // A client's last request may still be under way at the end (120 s time-out at most).
                long answersDue = System.nanoTime() + load.toNanos() + Duration.ofSeconds(300).toNanos();
                for (Map.Entry<Future<?>, Way> client : running.entrySet()) {
                    try {
                        client.getKey().get(Math.max(1, answersDue - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        answers.get(client.getValue()).computeIfAbsent("no answer within the load plus 300 s",
                                a -> new AtomicInteger()).incrementAndGet();
                    }
                }
            } finally {
                senders.shutdownNow();
                channels.forEach(ManagedChannel::shutdownNow);
                heap.stop();
            }
            double seconds = load.toMillis() / 1000.0;
            long acceptedSpans = accepted.values().stream().mapToLong(Integer::longValue).sum();
            System.out.printf("overload for %.0f s, %d clients per way: answers %s%n", seconds, clients, answers);
            System.out.printf("accepted %d exports, %d spans, %.1f MB: %.0f spans/s, %.1f MB/s; %d exports dropped"
                    + " after 503%n", accepted.size(), acceptedSpans, acceptedBytes.get() / 1e6, acceptedSpans / seconds,
                    acceptedBytes.get() / 1e6 / seconds, dropped.size());
            System.out.printf("ingest-service heap: used at most %.0f MB, live after GC at most %.0f MB (of -Xmx%s),"
                    + " %d samples missed%n", heap.maxUsed() / 1e6, heap.maxLive() / 1e6,
                    PackagedService.shippedHeap("ingest-service"), heap.missed());

            printReceiverCounters(http, ingest);
            for (Way way : ways) {
                assertThat(answers.get(way).keySet()).as("answers to %s", way).isSubsetOf("200", "429", "503");
                assertThat(answers.get(way)).as("%s exports answered 200", way).containsKey("200");
            }
            awaitHealthy(http, ingest);
            String log = Files.readString(ingest.logFile());
            assertThat(log).as("the service log").doesNotContain("OutOfMemoryError");
            assertThat(metric(http, ingest, "vigil_ingest_decode_exhausted_total")).as("decodes out of memory")
                    .isZero();
            assertStoredOnce(new StoredSpans(SharedDevStack.get().clickHouseUrl(), service), acceptedSpans);
        }
    }

    @Test
    void cutsOffABodyTrickledByteByByteWhileOtherClientsCompleteTheirExports() throws Exception {
        String service = "trickle-" + System.nanoTime();
        try (PackagedService ingest = PackagedService.ingest(Map.of("vigil.ingest.receive.admission.body-timeout", "3s"));
                SpanSender others = new SpanSender(ingest.uri("/v1/traces").toString(), service);
                java.net.Socket trickler = new java.net.Socket("127.0.0.1", ingest.port())) {
            byte[] body = MaxSizeExport.protobuf(service, 1, 64 * 1024, System.currentTimeMillis() * 1_000_000L)
                    .forRequest(1);
            trickler.setSoTimeout(60_000);
            java.io.OutputStream out = trickler.getOutputStream();
            out.write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                    + "Authorization: " + TestCredentials.ingestAuthorization() + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            AtomicLong answeredAt = new AtomicLong();
            java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> readUntilClosed(trickler, answeredAt));
            int sent = 0;
            int completed = 0;
            while (!answer.isDone() && sent < body.length) {
                try {
                    out.write(body[sent++]);
                    out.flush();
                } catch (IOException closed) {
                    break; // the service closed the connection after its answer
                }
                if (sent % 10 == 0 && others.export(5, 10)) {
                    completed++;
                }
                Thread.sleep(20);
            }
            String response = answer.get(60, TimeUnit.SECONDS);
            long tookMillis = (answeredAt.get() - started) / 1_000_000;
            System.out.printf("trickled %d of %d bytes; cut off after %d ms with: %s; %d other exports completed%n",
                    sent, body.length, tookMillis, response.lines().findFirst().orElse("(nothing)"), completed);

            assertThat(response).startsWith("HTTP/1.1 408 ");
            assertThat(tookMillis).as("cut off at the 3 s body time-out").isBetween(2_900L, 20_000L);
            assertThat(completed).as("other clients' exports, all answered 200").isPositive();
            assertThat(others.refusals()).as("refusals of the other clients").isEmpty();
        }
    }

    /** The ways named in {@code vigil.overload.ways} (comma-separated), or all of them. */
    private static List<Way> ways(String names) {
        if (names.isBlank()) {
            return List.of(Way.values());
        }
        return java.util.Arrays.stream(names.split(",")).map(String::strip).map(Way::valueOf).toList();
    }

    /** What the service sends until it closes the connection; a reset after the answer keeps what came. */
    private static String readUntilClosed(java.net.Socket socket, AtomicLong answeredAt) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answeredAt.compareAndSet(0, System.nanoTime());
                received.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (received.size() == 0) {
                throw new UncheckedIOException("no answer on the trickling connection", e);
            }
        }
        return received.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** One client: sends exports back to back until the deadline, each after the answer to the last. */
    private final class Client {
        private final Way way;
        private final MaxSizeExport export;
        private final HttpClient http;
        private final ManagedChannel channel;
        private final PackagedService ingest;
        private final AtomicLong deadline;

        Client(Way way, MaxSizeExport export, HttpClient http, ManagedChannel channel, PackagedService ingest,
                AtomicLong deadline) {
            this.way = way;
            this.export = export;
            this.http = http;
            this.channel = channel;
            this.ingest = ingest;
            this.deadline = deadline;
        }

        Void run(java.util.concurrent.CountDownLatch ready, java.util.concurrent.CountDownLatch go)
                throws InterruptedException {
            int request = nextRequest.getAndIncrement();
            byte[] body = body(request);
            ready.countDown();
            go.await();
            while (System.nanoTime() < deadline.get()) {
                String answer = send(body);
                answers.get(way).computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
                switch (answer) {
                    case "200" -> {
                        accepted.put(request, export.spans());
                        acceptedBytes.addAndGet(export.size());
                        request = nextRequest.getAndIncrement();
                        body = body(request);
                    }
                    case "429" -> pause();
                    default -> {
                        dropped.add(request);
                        request = nextRequest.getAndIncrement();
                        body = body(request);
                        pause();
                    }
                }
            }
            return null;
        }

        /** The retry delay the receiver asks for, spread a little so the clients do not come back as one. */
        private void pause() throws InterruptedException {
            Thread.sleep(RETRY_AFTER.toMillis() + ThreadLocalRandom.current().nextLong(1000));
        }

        private byte[] body(int request) {
            byte[] body = export.forRequest(request);
            return way == Way.HTTP_JSON_GZIP || way == Way.GRPC_GZIP ? gzip(body) : body;
        }

        private String send(byte[] body) {
            return switch (way) {
                case HTTP_PROTOBUF -> post(body, "application/x-protobuf", false);
                case HTTP_JSON -> post(body, "application/json", false);
                case HTTP_JSON_GZIP -> post(body, "application/json", true);
                case GRPC -> call(body, false);
                case GRPC_GZIP -> call(body, true);
            };
        }

        private String post(byte[] body, String contentType, boolean gzip) {
            HttpRequest.Builder request = HttpRequest.newBuilder(ingest.uri("/v1/traces")).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", contentType).header("Authorization", TestCredentials.ingestAuthorization())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (gzip) {
                request.header("Content-Encoding", "gzip");
            }
            try {
                // sendAsync keeps the cause of a failure, which send() drops from the exception it throws.
                HttpResponse<byte[]> response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                        .get();
                return Integer.toString(response.statusCode());
            } catch (java.util.concurrent.ExecutionException e) {
                StringBuilder causes = new StringBuilder("no answer:");
                for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                    causes.append(' ').append(t);
                }
                return causes.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        private String call(byte[] body, boolean gzip) {
            CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(120, TimeUnit.SECONDS);
            try {
                ClientCalls.blockingUnaryCall(channel, EXPORT, gzip ? options.withCompression("gzip") : options, body);
                return "200";
            } catch (StatusRuntimeException e) {
                return switch (e.getStatus().getCode()) {
                    case RESOURCE_EXHAUSTED -> "429";
                    case UNAVAILABLE -> "503";
                    default -> "gRPC " + e.getStatus().getCode() + ": " + e.getStatus().getDescription();
                };
            }
        }
    }

    /**
     * Every span of an accepted export stored once; an export dropped after a 503 stored in part or not
     * at all, never twice; one that only ever got 429 not stored.
     */
    private void assertStoredOnce(StoredSpans stored, long acceptedSpans) throws InterruptedException {
        Map<Integer, long[]> byRequest = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        long storedAccepted = 0;
        while (System.nanoTime() < deadline) {
            byRequest = storedByRequest(stored);
            storedAccepted = 0;
            for (Map.Entry<Integer, long[]> e : byRequest.entrySet()) {
                if (accepted.containsKey(e.getKey())) {
                    storedAccepted += e.getValue()[1];
                }
            }
            if (storedAccepted >= acceptedSpans) {
                break;
            }
            Thread.sleep(1000);
        }
        Map<Integer, String> wrong = new TreeMap<>();
        long storedDropped = 0;
        for (Map.Entry<Integer, long[]> e : byRequest.entrySet()) {
            long rows = e.getValue()[0];
            long ids = e.getValue()[1];
            if (rows != ids) {
                wrong.put(e.getKey(), rows + " rows of " + ids + " span ids");
            } else if (accepted.containsKey(e.getKey()) && ids != accepted.get(e.getKey())) {
                wrong.put(e.getKey(), "accepted " + accepted.get(e.getKey()) + " spans, stored " + ids);
            } else if (dropped.contains(e.getKey())) {
                storedDropped += ids;
            } else if (!accepted.containsKey(e.getKey())) {
                wrong.put(e.getKey(), "never accepted nor dropped after 503, stored " + ids);
            }
        }
        System.out.printf("stored: %d spans of %d accepted exports; %d spans of exports dropped after 503%n",
                storedAccepted, accepted.size(), storedDropped);
        assertThat(wrong).as("exports stored wrongly (by request number)").isEmpty();
        assertThat(storedAccepted).as("distinct span ids of accepted exports stored").isEqualTo(acceptedSpans);
    }

    /** Request number → {rows, distinct span ids} in ClickHouse. */
    private static Map<Integer, long[]> storedByRequest(StoredSpans stored) {
        Map<Integer, long[]> counts = new TreeMap<>();
        String rows = stored.query("SELECT substring(SpanId, 5, 8) AS request, count(), uniqExact(SpanId)"
                + " FROM vigil.otel_traces WHERE ServiceName = {service:String} GROUP BY request");
        for (String line : rows.split("\n")) {
            if (!line.isBlank()) {
                String[] cols = line.split("\t");
                counts.put((int) Long.parseLong(cols[0], 16),
                        new long[] {Long.parseLong(cols[1]), Long.parseLong(cols[2])});
            }
        }
        return counts;
    }

    private static void awaitHealthy(HttpClient http, PackagedService ingest) throws Exception {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(120).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = http.send(HttpRequest.newBuilder(ingest.uri("/q/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                System.out.printf("health UP %d ms after the load%n", (System.nanoTime() - started) / 1_000_000);
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("/q/health answered " + status + " for 120 s after the load:\n" + ingest.logTail());
    }

    /** The receiver's own account of the load: what it admitted, refused and why, and how long decodes waited. */
    private static void printReceiverCounters(HttpClient http, PackagedService ingest) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(ingest.uri("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        metrics.lines().filter(line -> line.startsWith("vigil_ingest_admission") || line.startsWith("vigil_ingest_items")
                || line.startsWith("vigil_ingest_requests_refused") || line.startsWith("vigil_ingest_decode"))
                .forEach(line -> System.out.println("  " + line));
    }

    private static double metric(HttpClient http, PackagedService ingest, String name) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(ingest.uri("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * An HTTP/1.1 client with the JDK's own executor (platform threads). On virtual threads, which the
     * 500 senders share with it, its connects and writes waited behind them: the service had read every
     * byte sent, yet connections it had accepted never got their request, and whole clients' exchanges
     * timed out together ("HTTP connect timed out" on established connections).
     */
    private static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** The gRPC metadata every export carries: the tests' ingest token, as OTLP/gRPC exporters send it. */
    private static Metadata ingestToken() {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                TestCredentials.ingestAuthorization());
        return metadata;
    }

    private static int grpcPort(PackagedService ingest) {
        return Integer.parseInt(ingest.property("quarkus.grpc.server.port"));
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /**
     * gRPC's "gzip" for messages that are gzip already: the client compresses each export once, as the HTTP
     * gzip clients do, rather than on every send. Compressing 4 MiB on each of some 2,000 sends a minute took
     * more CPU than the machine has, and held the service's budget while admitted calls' messages were still
     * being compressed; on the wire the calls are the same.
     */
    private static final io.grpc.CompressorRegistry PRECOMPRESSED = precompressed();

    private static io.grpc.CompressorRegistry precompressed() {
        io.grpc.CompressorRegistry registry = io.grpc.CompressorRegistry.newEmptyInstance();
        registry.register(new io.grpc.Compressor() {
            @Override
            public String getMessageEncoding() {
                return "gzip";
            }

            @Override
            public java.io.OutputStream compress(java.io.OutputStream os) {
                return os;
            }
        });
        registry.register(io.grpc.Codec.Identity.NONE);
        return registry;
    }

    private static final MethodDescriptor<byte[], byte[]> EXPORT = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    /**
     * Samples the service's heap once a second from its own metrics: the most in use, and the most
     * still live after a collection — the heap the service needed.
     */
    private static final class HeapSampler {
        private final HttpClient http;
        private final PackagedService ingest;
        private final AtomicLong maxUsed = new AtomicLong();
        private final AtomicLong maxLive = new AtomicLong();
        private final AtomicInteger missed = new AtomicInteger();
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        HeapSampler(HttpClient http, PackagedService ingest) {
            this.http = http;
            this.ingest = ingest;
        }

        void start() {
            thread.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        maxUsed.accumulateAndGet((long) heapUsed(), Math::max);
                        maxLive.accumulateAndGet((long) metric(http, ingest, "jvm_gc_live_data_size_bytes"), Math::max);
                    } catch (IOException e) {
                        missed.incrementAndGet(); // the service was too busy to answer within 10 s
                    }
                    Thread.sleep(1000);
                }
                return null;
            });
        }

        private double heapUsed() throws Exception {
            String metrics = http.send(HttpRequest.newBuilder(ingest.uri("/q/metrics")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            double used = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                    used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return used;
        }

        void stop() {
            thread.shutdownNow();
        }

        long maxUsed() {
            return maxUsed.get();
        }

        long maxLive() {
            return maxLive.get();
        }

        int missed() {
            return missed.get();
        }
    }
}
