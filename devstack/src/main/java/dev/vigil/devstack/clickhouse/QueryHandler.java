package dev.vigil.devstack.clickhouse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * ClickHouse's HTTP query endpoint ({@code /}): one statement per request, its settings and
 * parameters from the URL, its output in the requested format and compression.
 */
final class QueryHandler implements HttpHandler {

    private static final int INSERT_CHUNK = 1 << 20;

    private final ConnectionPool pool;
    private final ServerIdentity identity;

    /** What the server says about itself in every response. */
    record ServerIdentity(String timezone, String displayName) {
    }

    QueryHandler(ConnectionPool pool, ServerIdentity identity) {
        this.pool = pool;
        this.identity = identity;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String queryId = null;
        Response response = new Response(exchange);
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("POST") && !method.equals("HEAD")) {
                throw QueryException.of(36, "BAD_ARGUMENTS", "HTTP method " + method + " is not served; use GET or POST");
            }
            QueryRequest request = QueryRequest.of(method, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders());
            queryId = request.queryId();
            if (!method.equals("POST") && request.query().isEmpty()) {
                response.plain(200, "Ok.\n");
                return;
            }
            InputStream body = HttpCompression.decode(exchange.getRequestHeaders().getFirst("Content-Encoding"),
                    exchange.getRequestBody());
            if (request.decompressRequest()) {
                body = new CompressedBlockInputStream(body);
            }
            RequestStatement statement = RequestStatement.read(request.query(), body);
            execute(request, statement, response);
        } catch (QueryException e) {
            response.error(e, queryId);
        } catch (IOException | RuntimeException e) {
            ServerLog.warn("Request " + (queryId != null ? queryId : "") + " failed", e);
            response.error(QueryException.of(QueryException.UNKNOWN_CODE, "STD_EXCEPTION", String.valueOf(e)), queryId);
        } finally {
            exchange.close();
        }
    }

    private void execute(QueryRequest request, RequestStatement statement, Response response) throws IOException {
        long started = System.nanoTime();
        try (ConnectionPool.Lease lease = pool.acquire(request.database())) {
            ChdbConnection connection = lease.connection();
            if (!request.settings().isEmpty()) {
                lease.markSessionChanged();
                connection.execute(request.settingsStatement());
            }
            switch (statement) {
                case RequestStatement.Query query -> {
                    ChdbConnection.Shape shape = checkedShape(connection, query.sql(), request);
                    if (shape.statementClass() == ChdbConnection.StatementClass.CONTROL) {
                        lease.markSessionChanged();
                    }
                    String format = SqlScanner.outputFormat(query.sql()).orElse(request.defaultFormat());
                    try (ChdbResult result = connection.query(query.sql(), request.defaultFormat(), request.parameters())) {
                        response.success(request, format, result,
                                QuerySummary.of(result.counters(), System.nanoTime() - started), identity);
                    }
                }
                case RequestStatement.Insert insert -> {
                    checkedShape(connection, insert.sql() + " FORMAT " + insert.format(), request);
                    try (ChdbResult result = streamInsert(connection, insert, request)) {
                        response.success(request, request.defaultFormat(), null,
                                QuerySummary.ofInsert(result.counters(), System.nanoTime() - started), identity);
                    }
                }
            }
        }
    }

    /** One statement per request, and none that writes over GET, as ClickHouse's HTTP interface has it. */
    private static ChdbConnection.Shape checkedShape(ChdbConnection connection, String sql, QueryRequest request) {
        ChdbConnection.Shape shape = connection.classify(sql);
        if (shape.statementCount() > 1) {
            throw QueryException.of(62, "SYNTAX_ERROR", "Syntax error (Multi-statements are not allowed): the request holds "
                    + shape.statementCount() + " statements, and each HTTP request runs exactly one");
        }
        if (request.readOnly() && (shape.statementClass() == ChdbConnection.StatementClass.MUTATING
                || shape.statementClass() == ChdbConnection.StatementClass.MUTATING_GLOBAL)) {
            throw QueryException.of(164, "READONLY", "Cannot execute query in readonly mode. "
                    + "For queries over HTTP, method GET implies readonly. You should use method POST for modifying queries");
        }
        return shape;
    }

    private static ChdbResult streamInsert(ChdbConnection connection, RequestStatement.Insert insert,
                                           QueryRequest request) throws IOException {
        try (ChdbInsert stream = connection.insert(insert.sql(), insert.format(), request.parameters())) {
            byte[] chunk = new byte[INSERT_CHUNK];
            int read;
            while ((read = insert.data().readNBytes(chunk, 0, chunk.length)) > 0) {
                stream.append(chunk, 0, read);
            }
            return stream.finish();
        }
    }

    /** Writes exactly one response per exchange. */
    private static final class Response {

        private final HttpExchange exchange;
        private boolean started;

        Response(HttpExchange exchange) {
            this.exchange = exchange;
        }

        void plain(int status, String text) throws IOException {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
            send(status, body);
        }

        void success(QueryRequest request, String format, ChdbResult result, QuerySummary summary,
                     ServerIdentity identity) throws IOException {
            Headers headers = exchange.getResponseHeaders();
            common(headers, request.queryId(), identity);
            headers.set("X-ClickHouse-Format", format);
            headers.set("X-ClickHouse-Timezone", identity.timezone());
            headers.set("X-ClickHouse-Summary", summary.toJson());
            headers.set("Content-Type", contentType(format));
            Optional<HttpCompression> httpCompression = request.httpCompressionEnabled()
                    ? HttpCompression.negotiate(exchange.getRequestHeaders().getFirst("Accept-Encoding"))
                    : Optional.empty();
            httpCompression.ifPresent(c -> headers.set("Content-Encoding", c.token()));
            long length = result == null ? 0 : result.length();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            started = true;
            if (head || length == 0 && httpCompression.isEmpty()) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (httpCompression.isEmpty() && !request.compressResponse()) {
                exchange.sendResponseHeaders(200, length);
                try (OutputStream out = exchange.getResponseBody()) {
                    result.writeTo(out);
                }
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = encoded(exchange.getResponseBody(), httpCompression, request.compressResponse())) {
                if (result != null) {
                    result.writeTo(out);
                }
            }
        }

        /** Native block compression inside, HTTP compression outside, as ClickHouse layers them. */
        private static OutputStream encoded(OutputStream body, Optional<HttpCompression> http, boolean blocks)
                throws IOException {
            OutputStream out = http.isPresent() ? http.get().wrap(body) : body;
            return blocks ? new CompressedBlockOutputStream(out) : out;
        }

        void error(QueryException error, String queryId) throws IOException {
            if (started) {
                // The status line is gone; all that is left is to cut the response short.
                ServerLog.warn("Request " + queryId + " failed after its response began: " + error.getMessage());
                return;
            }
            Headers headers = exchange.getResponseHeaders();
            headers.clear();
            common(headers, queryId, null);
            headers.set("X-ClickHouse-Exception-Code", Integer.toString(error.code()));
            headers.set("Content-Type", "text/plain; charset=UTF-8");
            send(ErrorStatus.of(error), (error.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }

        private void common(Headers headers, String queryId, ServerIdentity identity) {
            if (queryId != null) {
                headers.set("X-ClickHouse-Query-Id", queryId);
            }
            if (identity != null) {
                headers.set("X-ClickHouse-Server-Display-Name", identity.displayName());
            }
            headers.set("Keep-Alive", "timeout=" + ClickHouseHttpServer.KEEP_ALIVE_SECONDS);
        }

        private void send(int status, byte[] body) throws IOException {
            started = true;
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    static String contentType(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.startsWith("tabseparated") || f.startsWith("tsv")) {
            return "text/tab-separated-values; charset=UTF-8";
        }
        if (f.startsWith("csv")) {
            return "text/csv; charset=UTF-8; header=absent";
        }
        if (f.startsWith("json") || f.startsWith("ndjson")) {
            return "application/json; charset=UTF-8";
        }
        if (f.startsWith("rowbinary") || f.equals("native") || f.startsWith("parquet") || f.startsWith("arrow")
                || f.equals("orc") || f.equals("avro") || f.startsWith("protobuf") || f.equals("msgpack")
                || f.equals("capnproto")) {
            return "application/octet-stream";
        }
        return "text/plain; charset=UTF-8";
    }
}
