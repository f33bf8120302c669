package io.mlops.bench.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.bench.load.HttpCall;
import io.mlops.bench.load.LatencyResult;
import io.mlops.bench.platform.Seed;
import io.mlops.bench.report.Section;
import io.mlops.bench.report.Section.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Online lookup of one entity × 10 features over HTTP, beside hello-world and a raw JDBC select. */
public final class FeatureStoreBench {

    static final double LOOKUP_P99_GOAL_MS = 1.5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeatureStoreBench() {
    }

    public static Section run(BenchContext ctx) throws Exception {
        ctx.log("feature-store: online lookup, 1 entity x 10 features");
        List<String> features = ctx.champion().featureRefs().subList(0, 10);
        List<String> bodies = new ArrayList<>();
        for (int entity = 1; entity <= 1000; entity++) {
            bodies.add(JSON.writeValueAsString(Map.of("features", features,
                    "entities", Map.of(Seed.JOIN_KEY, List.of(entity)))));
        }
        double rate = ctx.plan().httpRate();
        LatencyResult jdbc = ctx.jdbc();
        LatencyResult hello = ctx.helloWorld(rate);
        LatencyResult lookup = ctx.openLoop(ctx.targets().featureStore(),
                HttpCall.postJson("/api/v1/online-features", bodies), rate);

        Section s = new Section("feature-store: online lookup");
        s.text("`POST /online-features` for one entity and 10 features of `credit-applicants` (entities 1–1,000 "
                + "in turn, all present, so every lookup is an in-process cache hit after the first pass), "
                + "open loop. Ratios are to hello-world at the same rate. Feast's Java feature server reports "
                + "p99 1.13 ms at 100 req/s.");
        s.latencyTable(List.of(
                new Named<>("raw JDBC PK select (floor)", jdbc),
                new Named<>("hello-world `GET /hello` (floor)", hello),
                new Named<>("online lookup 1 × 10", lookup)), hello, "hello-world");
        s.goal("online lookup p99 ≤ " + Section.f(LOOKUP_P99_GOAL_MS, 1) + " ms at " + Section.f(rate, 0) + " req/s",
                "p99 " + Section.f(lookup.p99Ms(), 3) + " ms, " + lookup.failed() + " non-2xx",
                lookup.p99Ms() <= LOOKUP_P99_GOAL_MS && lookup.failed() == 0);
        return s.end();
    }
}
