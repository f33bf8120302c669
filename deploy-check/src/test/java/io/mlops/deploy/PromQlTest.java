package io.mlops.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsMetricNamesButNotFunctionsLabelsOrVariables() {
        assertEquals(Set.of("mlops_inference_latency_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.99, sum by (model, le) (rate(mlops_inference_latency_seconds_bucket{model=~\"$model\", le=\"0.003\"}[$__rate_interval])))"));
        assertEquals(Set.of("mlops_features_cache_requests_total"), PromQl.metricNames(
                "sum(rate(mlops_features_cache_requests_total{result=\"hit\"}[5m])) / sum(rate(mlops_features_cache_requests_total[5m]))"));
        assertEquals(Set.of("up"), PromQl.metricNames("max by (service) (up{job=\"mlops-services\"}) == 0"));
        assertEquals(Set.of("ALERTS"), PromQl.metricNames("count(ALERTS{alertstate=\"firing\"}) or vector(0)"));
        assertEquals(Set.of("a_total", "b"), PromQl.metricNames("rate(a_total[5m] offset 1h) > on (x) group_left (y) b * 1e3"));
        assertEquals(Set.of("system_load_average_1m"), PromQl.metricNames("max(system_load_average_1m) > 2.5"));
        assertEquals(Set.of("x", "y"), PromQl.metricNames("absent(x{a=\"1\"}) or absent(y)"));
    }

    @Test
    void readsGrafanaVariableQueries() {
        assertEquals(Set.of("mlops_inference_requests_total"),
                PromQl.variableQueryMetricNames("label_values(mlops_inference_requests_total, model)"));
        assertEquals(Set.of("up"), PromQl.variableQueryMetricNames("label_values(up{job=\"mlops-services\"}, service)"));
        assertEquals(Set.of(), PromQl.variableQueryMetricNames("label_values(model)"));
        assertEquals(Set.of("m"), PromQl.variableQueryMetricNames("query_result(topk(5, m))"));
    }
}
