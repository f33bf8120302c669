package io.mlops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.platform.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code mlops models}: the registered models with their latest version and aliases. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Lists registered models, their latest version and aliases.")
final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    private MlopsCommand root;

    @Override
    public Integer call() {
        RegistryClient registry = new RegistryClient(root.settings().registryUrl(), root.actor());
        Table table = new Table("MODEL", "LATEST", "ALIASES", "UPDATED");
        for (JsonNode model : registry.getAll("/api/v1/models?pageSize=100&orderBy=name", "models")) {
            List<String> aliases = new ArrayList<>();
            model.path("aliases").fields().forEachRemaining(a -> aliases.add(a.getKey() + "→" + a.getValue().asText()));
            table.row(model.path("name").asText(), model.path("latestVersion").asText(),
                    aliases.isEmpty() ? "-" : String.join(" ", aliases), model.path("updatedAt").asText());
        }
        root.terminal().print(table.render());
        return ExitCodes.OK;
    }
}
