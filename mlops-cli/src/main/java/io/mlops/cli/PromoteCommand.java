package io.mlops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.ApiException;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.train.PromotionGate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops promote <model> <version> <alias>}: moves an alias, guarded by a metric gate. */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = {
                "Points an alias (e.g. champion) at a model version.",
                "Refuses when the version's held-out metric is worse than the version the alias points at now,",
                "unless --force. Inference services follow the alias within seconds."})
final class PromoteCommand implements Callable<Integer> {

    @ParentCommand
    private MlopsCommand root;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "VERSION")
    int version;

    @Parameters(index = "2", paramLabel = "ALIAS", defaultValue = "champion")
    String alias;

    @Option(names = "--metric", defaultValue = "auc", description = "Metric the gate compares (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--force", description = "Promote even if the metric is worse.")
    boolean force;

    @Override
    public Integer call() {
        Terminal terminal = root.terminal();
        RegistryClient registry = new RegistryClient(root.settings().registryUrl(), root.actor());
        return promote(terminal, registry, model, version, alias, metric, force);
    }

    /**
     * Points the alias at the version unless the gate refuses: what {@code mlops promote} does, and
     * what {@code mlops train --promote} does after registering. Returns the exit code.
     */
    static int promote(Terminal terminal, RegistryClient registry, String model, int version, String alias,
            String metric, boolean force) {
        JsonNode candidate = registry.version(model, version);
        Optional<JsonNode> current = currentHolder(registry, model, alias);
        if (current.isPresent() && current.get().path("version").asInt() == version) {
            terminal.println(alias + " of " + model + " already points at version " + version);
            return ExitCodes.OK;
        }
        if (current.isPresent() && !force) {
            Optional<String> refusal = PromotionGate.refusal(metric, candidate, current.get());
            if (refusal.isPresent()) {
                terminal.error("not promoting: " + refusal.get() + " (use --force to promote anyway)");
                return ExitCodes.FAILURE;
            }
        }
        registry.setAlias(model, alias, version);
        String from = current.map(c -> String.valueOf(c.path("version").asInt())).orElse("none");
        terminal.println(terminal.green(alias + " of " + model + ": " + from + " → " + version)
                + (force && current.isPresent() ? " (forced)" : ""));
        return ExitCodes.OK;
    }

    /** The version the alias points at now; empty when the alias is not set (a missing model is an error). */
    static Optional<JsonNode> currentHolder(RegistryClient registry, String model, String alias) {
        try {
            return Optional.of(registry.get("/api/v1/models/" + RegistryClient.encode(model) + "@"
                    + RegistryClient.encode(alias)));
        } catch (ApiException e) {
            if (e.status() == 404 && !"MODEL_NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
