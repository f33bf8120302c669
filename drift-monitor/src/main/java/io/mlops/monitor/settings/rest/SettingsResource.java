package io.mlops.monitor.settings.rest;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.common.web.CurrentActor;
import io.mlops.common.web.StrictJson;
import io.mlops.monitor.settings.service.ModelSettings;
import io.mlops.monitor.settings.service.SettingsService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.mlops.events.EventJson;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Per-model window sizes, methods, thresholds, dataset share and alert hysteresis. A model may be
 * configured before its first version arrives; a change applies from the next window on.
 */
@Path("/api/v1/monitoring/{model}/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "settings")
public class SettingsResource {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,62}$");

    private static final ObjectReader STRICT = StrictJson.reader(EventJson.mapper(), ModelSettings.class);

    private final SettingsService settings;
    private final CurrentActor actor;
    private final Validator validator;

    public SettingsResource(SettingsService settings, CurrentActor actor, Validator validator) {
        this.settings = settings;
        this.actor = actor;
        this.validator = validator;
    }

    @GET
    @Operation(summary = "The model's overrides and the settings in force")
    public SettingsJson get(@RestPath String model) {
        requireName(model);
        return SettingsJson.of(model, settings.effective(model));
    }

    /** Replaces the overrides. Unknown fields are rejected: a misspelt setting must not be silently ignored. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the model's overrides")
    public SettingsJson put(@RestPath String model, @NotNull JsonNode body) throws JsonProcessingException {
        requireName(model);
        ModelSettings parsed = STRICT.treeToValue(body, ModelSettings.class);
        if (parsed == null) {
            throw new PlatformException(ErrorCode.MALFORMED_REQUEST, "The settings must be a JSON object, not null",
                    List.of(new FieldError("$", "a JSON object")));
        }
        Set<ConstraintViolation<ModelSettings>> violations = validator.validate(parsed);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return SettingsJson.of(model, settings.save(model, parsed, actor.name()));
    }

    @DELETE
    @Operation(summary = "Drop the model's overrides: defaults apply again")
    public Response delete(@RestPath String model) {
        requireName(model);
        if (!settings.reset(model)) {
            throw new PlatformException(ErrorCode.NOT_FOUND, "Model '" + model + "' has no settings of its own");
        }
        return Response.noContent().build();
    }

    private static void requireName(String model) {
        if (!NAME.matcher(model).matches()) {
            throw new PlatformException(ErrorCode.MODEL_NOT_FOUND,
                    "'" + model + "' is not a model name (^[a-z][a-z0-9_-]{0,62}$)");
        }
    }
}
