package io.mlops.bench.scenario;

import io.mlops.bench.load.HttpCall;
import io.mlops.bench.load.LatencyResult;
import io.mlops.bench.platform.Seed;
import io.mlops.bench.report.Section;
import io.mlops.bench.report.Section.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Alias resolution and version search over 10,000 versions, beside a raw JDBC select and hello-world. */
public final class RegistryBench {

    static final double ALIAS_P99_GOAL_MS = 2;
    static final double SEARCH_P99_GOAL_MS = 20;

    private RegistryBench() {
    }

    public static Section run(BenchContext ctx) throws Exception {
        ctx.log("registry: alias resolution and version search");
        LatencyResult jdbc = ctx.jdbc();
        LatencyResult hello = ctx.helloWorld(ctx.plan().aliasRate());
        HttpCall resolve = HttpCall.get("/api/v1/models/" + Seed.MODEL + "@champion");
        // Twice the warm-up of the other runs: a registry started just before has not compiled this path.
        ctx.warmUp(ctx.targets().registry(), resolve, ctx.plan().aliasRate());
        LatencyResult alias = ctx.openLoop(ctx.targets().registry(), resolve, ctx.plan().aliasRate());
        List<String> searches = new ArrayList<>();
        for (int team = 0; team < 10; team++) {
            String filter = "tags.team = 'team-" + team + "' AND metrics.auc > 0.9 AND status = 'READY'";
            searches.add("/api/v1/model-versions?pageSize=100&orderBy=" + encode("metrics.auc DESC") + "&filter="
                    + encode(filter));
        }
        LatencyResult search = ctx.openLoop(ctx.targets().registry(), HttpCall.getEach(searches),
                ctx.plan().searchRate());
        LatencyResult helloSearchRate = ctx.helloWorld(ctx.plan().searchRate());

        Section s = new Section("model-registry: alias resolution and version search");
        s.text("`GET /models/credit-risk@champion` (the version JSON, aliases included) and `GET /model-versions` "
                + "with `tags.team = 'team-N' AND metrics.auc > 0.9 AND status = 'READY'`, ordered by "
                + "`metrics.auc DESC`, first page of 100, over 10,000 versions (100 models × 100 versions; each "
                + "filter matches about 200 of the 1,000 versions tagged with its team). Ratios are to the raw JDBC primary-key select.");
        s.latencyTable(List.of(
                new Named<>("raw JDBC PK select (floor)", jdbc),
                new Named<>("hello-world `GET /hello` (floor)", hello),
                new Named<>("alias resolution", alias),
                new Named<>("hello-world `GET /hello` (floor)", helloSearchRate),
                new Named<>("version search, 10,000 versions", search)), jdbc, "JDBC");
        s.goal("alias resolution p99 ≤ " + Section.f(ALIAS_P99_GOAL_MS, 0) + " ms at "
                        + Section.f(ctx.plan().aliasRate(), 0) + " req/s",
                "p99 " + Section.f(alias.p99Ms(), 3) + " ms, " + alias.failed() + " non-2xx",
                alias.p99Ms() <= ALIAS_P99_GOAL_MS && alias.failed() == 0);
        s.goal("version search p99 ≤ " + Section.f(SEARCH_P99_GOAL_MS, 0) + " ms at "
                        + Section.f(ctx.plan().searchRate(), 0) + " req/s",
                "p99 " + Section.f(search.p99Ms(), 3) + " ms, " + search.failed() + " non-2xx",
                search.p99Ms() <= SEARCH_P99_GOAL_MS && search.failed() == 0);
        return s.end();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
