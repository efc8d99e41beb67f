package dev.vigil.query.services;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.demo.shop.PlannedSpan;
import dev.vigil.demo.shop.ShopPlan;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.query.ShopFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class ServicesResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void storeShop() throws Exception {
        ShopFixture.ensureStored();
    }

    private static JsonNode get(String path, Map<String, ?> query) throws Exception {
        Response response = given().queryParams(query).get(path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    private static Map<String, ?> window() {
        return Map.of("from", ShopFixture.start().toString(), "to", ShopFixture.end().toString());
    }

    /** "name spans errors" per service, from the plan. */
    private static List<String> expectedServices() {
        Map<String, List<PlannedSpan>> byService = ShopFixture.spans().stream()
                .collect(Collectors.groupingBy(PlannedSpan::service, TreeMap::new, Collectors.toList()));
        List<String> rows = new ArrayList<>();
        byService.forEach((service, spans) -> rows.add(service + " " + spans.size() + " "
                + spans.stream().filter(PlannedSpan::error).count()));
        return rows;
    }

    private static List<String> rows(JsonNode services) {
        List<String> rows = new ArrayList<>();
        services.forEach(s -> rows.add(s.get("name").asText() + " " + s.get("spans").asLong() + " "
                + s.get("errors").asLong()));
        return rows;
    }

    @Test
    void listsEveryShopServiceWithItsExactSpanAndErrorCounts() throws Exception {
        JsonNode page = get("/api/v1/services", window());

        assertThat(rows(page.get("services"))).containsExactlyElementsOf(expectedServices());
        assertThat(rows(page.get("services"))).extracting(r -> r.split(" ")[0])
                .containsExactly(ShopPlan.CART, ShopPlan.FRONTEND, ShopPlan.INVENTORY, ShopPlan.PAYMENT);
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void pagesThroughServicesWithTheCursor() throws Exception {
        JsonNode first = get("/api/v1/services", Map.of("from", ShopFixture.start().toString(),
                "to", ShopFixture.end().toString(), "limit", "3"));
        assertThat(first.get("services")).hasSize(3);
        JsonNode second = get("/api/v1/services", Map.of("from", ShopFixture.start().toString(),
                "to", ShopFixture.end().toString(), "limit", "3", "cursor", first.get("nextCursor").asText()));

        List<String> all = new ArrayList<>(rows(first.get("services")));
        all.addAll(rows(second.get("services")));
        assertThat(all).containsExactlyElementsOf(expectedServices());
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void readsTheDefaultWindowOfOneHourBeforeTo() throws Exception {
        // to alone: from is an hour earlier, which covers the whole scenario.
        JsonNode page = get("/api/v1/services", Map.of("to", String.valueOf(ShopFixture.end().toEpochMilli())));

        assertThat(rows(page.get("services"))).containsExactlyElementsOf(expectedServices());
    }

    @Test
    void answersNoServicesForAWindowWithoutSpans() throws Exception {
        JsonNode page = get("/api/v1/services", Map.of("from", ShopFixture.end().plusSeconds(3600).toString(),
                "to", ShopFixture.end().plusSeconds(7200).toString()));

        assertThat(page.get("services")).isEmpty();
    }

    @Test
    void listsTheOperationsOfAServicePerKindWithExactCounts() throws Exception {
        JsonNode page = get("/api/v1/services/cart/operations", window());

        Map<String, List<PlannedSpan>> expected = ShopFixture.spans(s -> s.service().equals(ShopPlan.CART)).stream()
                .collect(Collectors.groupingBy(s -> s.name() + " " + s.kind(), TreeMap::new, Collectors.toList()));
        List<String> expectedRows = new ArrayList<>();
        expected.forEach((key, spans) -> expectedRows.add(key + " " + spans.size() + " "
                + spans.stream().filter(PlannedSpan::error).count()));
        List<String> actual = new ArrayList<>();
        page.get("operations").forEach(o -> actual.add(o.get("name").asText() + " " + o.get("spanKind").asText() + " "
                + o.get("spans").asLong() + " " + o.get("errors").asLong()));
        assertThat(actual).containsExactlyElementsOf(expectedRows);
        assertThat(page.get("service").asText()).isEqualTo("cart");
    }

    @Test
    void filtersOperationsBySpanKind() throws Exception {
        JsonNode page = get("/api/v1/services/cart/operations", Map.of("from", ShopFixture.start().toString(),
                "to", ShopFixture.end().toString(), "kind", "server"));

        assertThat(page.get("operations")).hasSize(1);
        assertThat(page.get("operations").get(0).get("name").asText()).isEqualTo("POST /cart/checkout");
        assertThat(page.get("operations").get(0).get("spans").asLong()).isEqualTo(
                ShopFixture.spans(s -> s.service().equals(ShopPlan.CART) && s.kind() == PlannedSpan.Kind.SERVER).size());
    }

    @Test
    void pagesThroughOperationsWithTheCursor() throws Exception {
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new TreeMap<>(Map.of("from", ShopFixture.start().toString(),
                    "to", ShopFixture.end().toString(), "limit", "1"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = get("/api/v1/services/payment/operations", query);
            page.get("operations").forEach(o -> names.add(o.get("name").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(names).containsExactly("INSERT shop.payments", "POST /payments", "payments publish");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=abc", "limit=1%3BDROP", "from=yesterday",
        "from=2026-13-01T00:00:00Z", "to=99999999999999999999", "cursor=%27%3B--", "cursor=bm90IGEgY3Vyc29y%5C", // fixed date: month 13, refused
        "servce=frontend", "from=2026-11-22T10:00:00Z&to=2026-11-01T10:00:00Z", // fixed date: ends before it starts, refused
        "from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z", "limit=1&limit=2"}) // fixed date: longer than the longest window, refused
    void rejectsBadParametersWith400NamingTheParameter(String query) throws Exception {
        Response response = given().urlEncodingEnabled(false).get("/api/v1/services?" + query);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.asString());
        assertThat(error.get("error").asText()).isEqualTo("invalid_argument");
        String parameter = query.substring(0, query.indexOf('=')).toLowerCase(Locale.ROOT);
        assertThat(error.get("message").asText()).contains("parameter '" + parameter + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kind=sideways", "cursor=x", "limit=-1"})
    void rejectsBadOperationParametersWith400(String query) throws Exception {
        Response response = given().urlEncodingEnabled(false).get("/api/v1/services/cart/operations?" + query);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(JSON.readTree(response.asString()).get("message").asText())
                .contains("'" + query.substring(0, query.indexOf('=')) + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cart'", "cart;DROP TABLE otel_traces", "x' OR '1'='1", "--", "back\\slash"})
    void treatsInjectionAttemptsInTheServiceAsPlainNames(String service) throws Exception {
        Response response = given().pathParam("service", service)
                .queryParams(window()).get("/api/v1/services/{service}/operations");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(JSON.readTree(response.asString()).get("operations")).isEmpty();
    }
}
