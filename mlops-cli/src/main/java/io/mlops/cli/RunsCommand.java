package io.mlops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.platform.Table;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mlops runs}: the runs of an experiment with their main metrics, best first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists the runs of an experiment, best first.")
final class RunsCommand implements Callable<Integer> {

    @ParentCommand
    private MlopsCommand root;

    @Option(names = "--experiment", defaultValue = "credit-risk", description = "Experiment name (default: ${DEFAULT-VALUE}).")
    String experiment;

    @Option(names = "--filter", description = "A run filter, e.g. \"metrics.auc > 0.8 AND params.epochs = '15'\".")
    String filter;

    @Option(names = "--order-by", defaultValue = "metrics.auc DESC", description = "Ordering (default: ${DEFAULT-VALUE}).")
    String orderBy;

    @Override
    public Integer call() {
        RegistryClient registry = new RegistryClient(root.settings().registryUrl(), root.actor());
        String experimentId = null;
        for (JsonNode e : registry.get("/api/v1/experiments?name=" + encode(experiment)).path("experiments")) {
            experimentId = e.path("id").asText();
        }
        if (experimentId == null) {
            root.terminal().error("no experiment named '" + experiment + "'");
            return ExitCodes.FAILURE;
        }
        String query = "/api/v1/runs?experimentId=" + encode(experimentId) + "&orderBy=" + encode(orderBy)
                + (filter == null ? "" : "&filter=" + encode(filter));
        Table table = new Table("RUN", "NAME", "STATUS", "AUC", "ACCURACY", "LOG LOSS", "STARTED");
        for (JsonNode run : registry.getAll(query, "runs")) {
            JsonNode m = run.path("metrics");
            table.row(run.path("id").asText(), run.path("name").asText(), run.path("status").asText(),
                    number(m.path("auc")), number(m.path("accuracy")), number(m.path("log_loss")),
                    run.path("startTime").asText());
        }
        root.terminal().print(table.render());
        return ExitCodes.OK;
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format("%.4f", value.asDouble()) : "-";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
