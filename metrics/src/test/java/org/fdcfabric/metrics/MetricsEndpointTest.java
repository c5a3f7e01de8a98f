package org.fdcfabric.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        endpoint = MetricsEndpoint.start(MetricsBinding.loopback(0), registry);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private HttpResponse<String> get(URI uri, String method, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Scraping {
        @Test
        void servesTheRegistryOnLoopbackInThePrometheusTextFormat() throws Exception {
            Counter counter =
                    Counter.builder("fdc.test.events").tag("kind", "a").register(registry);
            counter.increment(3);

            assertThat(endpoint.uri().toString())
                    .startsWith("http://127.0.0.1:")
                    .endsWith("/metrics");
            HttpResponse<String> response = get(endpoint.uri(), "GET", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(MetricsEndpoint.TEXT);
            Scrape scrape = Scrape.parse(response.body());
            assertThat(scrape.sum("fdc_test_events_total", "kind", "a")).isEqualTo(3.0);

            counter.increment();
            assertThat(Scrape.of(endpoint.uri()).sum("fdc_test_events_total")).isEqualTo(4.0);
        }

        @Test
        void answersOpenMetricsWhenAsked() throws Exception {
            Counter.builder("fdc.test.events").register(registry).increment();

            HttpResponse<String> response =
                    get(endpoint.uri(), "GET", "application/openmetrics-text; version=1.0.0,text/plain;q=0.5");

            assertThat(response.headers().firstValue("Content-Type")).contains(MetricsEndpoint.OPEN_METRICS);
            assertThat(response.body()).contains("fdc_test_events_total 1.0").endsWith("# EOF\n");
        }

        @Test
        void headHasNoBody() throws Exception {
            HttpResponse<String> response = get(endpoint.uri(), "HEAD", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
        }
    }

    @Nested
    class Refusing {
        @Test
        void otherPathsAreNotFound() throws Exception {
            HttpResponse<String> response = get(endpoint.uri().resolve("/admin"), "GET", null);

            assertThat(response.statusCode()).isEqualTo(404);
        }

        @Test
        void writesAreNotAllowed() throws Exception {
            HttpResponse<String> response = get(endpoint.uri(), "POST", null);

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
        }

        @Test
        void aTakenPortIsAnError() {
            assertThatThrownBy(() -> MetricsEndpoint.start(MetricsBinding.loopback(endpoint.port()), registry))
                    .isInstanceOf(IOException.class);
        }

        @Test
        void badBindingsAreRejected() {
            assertThatThrownBy(() -> MetricsBinding.loopback(70_000)).hasMessageContaining("0..65535");
            assertThatThrownBy(() -> new MetricsBinding(" ", 1)).hasMessageContaining("empty");
        }
    }

    @Nested
    class Stopping {
        @Test
        void closeReleasesThePort() throws Exception {
            int port = endpoint.port();
            endpoint.close();

            try (MetricsEndpoint again = MetricsEndpoint.start(MetricsBinding.loopback(port), registry)) {
                assertThat(again.port()).isEqualTo(port);
            }
        }
    }

    @Nested
    class Probes {
        @Test
        void answersHealthAndReadinessBesideTheMetrics() throws Exception {
            java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
            try (MetricsEndpoint probed = MetricsEndpoint.start(
                    MetricsBinding.loopback(0), registry, new HealthProbes(() -> true, ready::get))) {
                URI base = probed.uri();
                assertThat(get(base.resolve(MetricsEndpoint.HEALTH_PATH), "GET", null)
                                .statusCode())
                        .isEqualTo(200);
                assertThat(get(base.resolve(MetricsEndpoint.READY_PATH), "GET", null)
                                .statusCode())
                        .isEqualTo(503);
                ready.set(true);
                HttpResponse<String> response = get(base.resolve(MetricsEndpoint.READY_PATH), "GET", null);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("ok\n");
                assertThat(get(base, "GET", null).statusCode()).isEqualTo(200);
            }
        }

        @Test
        void withoutProbesTheyAreNotFound() throws Exception {
            assertThat(get(endpoint.uri().resolve(MetricsEndpoint.READY_PATH), "GET", null)
                            .statusCode())
                    .isEqualTo(404);
        }
    }
}
