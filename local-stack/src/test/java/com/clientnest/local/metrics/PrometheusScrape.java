package com.clientnest.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One scrape of a service's {@code /actuator/prometheus}, as series key ({@code name{label="value",...}}, labels
 * sorted as the exposition writes them) to value.
 */
record PrometheusScrape(Map<String, Double> series) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*})?) (\\S+)$");

    static PrometheusScrape of(String baseUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s/actuator/prometheus", baseUrl)
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        Map<String, Double> series = new TreeMap<>();
        for (String line : response.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                series.put(sample.group(1), Double.parseDouble(sample.group(2)));
            }
        }
        return new PrometheusScrape(series);
    }

    /** Our own series (prefix {@code clientnest_}), without histogram buckets, whose count depends on the layout. */
    Map<String, Double> clientnest() {
        return only(key -> key.startsWith("clientnest_") && !key.contains("_bucket{"));
    }

    Map<String, Double> only(Predicate<String> key) {
        return series.entrySet().stream()
                .filter(entry -> key.test(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    boolean hasBuckets(String histogram) {
        return series.keySet().stream().anyMatch(key -> key.startsWith(histogram + "_bucket{"));
    }
}
