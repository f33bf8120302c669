package io.mlops.cli;

import io.mlops.cli.client.ServiceClient;
import io.mlops.events.EventJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops predict <model> --entity applicant_id=42}: one feature-joined prediction. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Asks the inference service for a prediction; features come from the feature store.")
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    private MlopsCommand root;

    @Parameters(index = "0", paramLabel = "MODEL", defaultValue = "credit-risk")
    String model;

    @Option(names = "--entity", required = true, paramLabel = "KEY=VALUE", description = "The entity key, e.g. applicant_id=42.")
    Map<String, String> entity;

    @Option(names = "--feature", paramLabel = "NAME=VALUE", description = "Override a feature value (repeatable).")
    Map<String, String> overrides;

    @Override
    public Integer call() throws Exception {
        ServiceClient inference = new ServiceClient("inference-service", root.settings().inferenceUrl(), root.actor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entities", typed(entity));
        if (overrides != null) {
            body.put("features", typed(overrides));
        }
        var answer = inference.post("/api/v1/predict/" + model, body);
        root.terminal().println(EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        return ExitCodes.OK;
    }

    /** Numbers stay numbers on the wire, so an INT64 key or a DOUBLE feature is sent with its JSON type. */
    private static Map<String, Object> typed(Map<String, String> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            Object value = v;
            try {
                value = v.contains(".") ? (Object) Double.parseDouble(v) : (Object) Long.parseLong(v);
            } catch (NumberFormatException notANumber) {
                // a string value
            }
            typed.put(k, value);
        });
        return typed;
    }
}
