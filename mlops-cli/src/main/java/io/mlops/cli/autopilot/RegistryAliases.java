package io.mlops.cli.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** {@link Aliases} of one model in the model registry. */
public final class RegistryAliases implements Aliases {

    private final RegistryClient registry;
    private final String model;

    public RegistryAliases(RegistryClient registry, String model) {
        this.registry = registry;
        this.model = model;
    }

    @Override
    public OptionalInt version(String alias) {
        return registry.aliasVersion(model, alias);
    }

    @Override
    public void set(String alias, int version) {
        registry.setAlias(model, alias, version);
    }

    @Override
    public void delete(String alias) {
        registry.deleteAlias(model, alias);
    }

    @Override
    public List<Move> history(String alias) {
        List<Move> moves = new ArrayList<>();
        for (JsonNode change : registry.aliasHistory(model, alias).path("history")) {
            moves.add(new Move(number(change.path("from")), number(change.path("to"))));
        }
        return moves;
    }

    private static Integer number(JsonNode node) {
        return node.isNumber() ? node.asInt() : null;
    }
}
