package com.clientnest.local.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboard the compose file provisions: its panels, and that they query series the services expose. */
class DashboardTest {

    /** The series the services expose, as {@code MetricsIT} finds them on {@code /actuator/prometheus}. */
    private static final Set<String> EXPOSED = Set.of(
            "clientnest_gateway_submissions_total",
            "clientnest_lane_backlog",
            "clientnest_lane_oldest_age_seconds",
            "clientnest_worker_calls_in_flight",
            "clientnest_worker_capacity",
            "clientnest_worker_fleet_share",
            "clientnest_worker_fleet_instances",
            "clientnest_deepseek_breaker_state",
            "clientnest_deepseek_calls_seconds_bucket",
            "clientnest_deepseek_calls_seconds_count",
            "clientnest_deepseek_calls_seconds_sum",
            "clientnest_deepseek_calls_seconds_max",
            "clientnest_worker_retries_total",
            "clientnest_worker_dead_letters_total",
            "clientnest_cost_tokens_total",
            "clientnest_cost_spend_usd_total",
            "clientnest_cost_settlement_lag_seconds_bucket",
            "clientnest_cost_settlement_lag_seconds_count",
            "clientnest_cost_settlement_lag_seconds_sum",
            "clientnest_cost_settlement_lag_seconds_max",
            "clientnest_cost_quota_warnings_total");

    private static final Pattern SERIES = Pattern.compile("clientnest_[a-z_]+");

    private static Path deploy;
    private static JsonNode dashboard;

    @BeforeAll
    static void readDashboard() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
        }
        deploy = root.resolve("deploy");
        dashboard = JsonMapper.builder().build().readTree(deploy.resolve("grafana/dashboards/clientnest.json"));
    }

    @Test
    void theDashboardHasAPanelForEveryQuestionOperatorsAsk() {
        // Given the provisioned dashboard

        // When its panel titles are read
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> titles.add(panel.path("title").asString()));

        // Then lanes, throughput, DeepSeek, breaker, spend, quotas and dead letters each have theirs
        assertThat(titles)
                .containsExactly(
                        "Lanes",
                        "Lane backlog (requests queued)",
                        "Lane wait (oldest queued request)",
                        "Throughput: accepted submissions and DeepSeek calls",
                        "Worker calls in flight and capacity (fleet)",
                        "DeepSeek",
                        "DeepSeek latency by model",
                        "DeepSeek errors and retries",
                        "Circuit breaker (0 closed, 1 half-open, 2 open)",
                        "Dead letters per hour by reason",
                        "Spend and quotas",
                        "Spend per hour (USD) by model and price period",
                        "Tokens per hour by model and kind",
                        "Quota and rate-limit rejections",
                        "Quota warnings per hour",
                        "Ledger settlement lag (call to ledger)");
    }

    @Test
    void everyPanelQueriesOnlySeriesTheServicesExposeFromTheProvisionedDataSource() throws IOException {
        // Given the provisioned data source
        Map<String, Object> datasources =
                new Yaml().load(Files.readString(deploy.resolve("grafana/provisioning/datasources/prometheus.yml")));
        @SuppressWarnings("unchecked")
        Map<String, Object> prometheus = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);

        // When every query of every panel is read
        Set<String> queried = new TreeSet<>();
        Set<String> sources = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher series = SERIES.matcher(target.path("expr").asString());
                while (series.find()) {
                    queried.add(series.group());
                }
                sources.add(target.path("datasource").path("uid").asString());
            }
        }

        // Then each names a series the services expose, through the one provisioned Prometheus
        assertThat(EXPOSED).containsAll(queried);
        assertThat(queried).hasSizeGreaterThanOrEqualTo(13);
        assertThat(sources).containsExactly((String) prometheus.get("uid"));
        assertThat(prometheus).containsEntry("url", "http://prometheus:9090");
    }
}
