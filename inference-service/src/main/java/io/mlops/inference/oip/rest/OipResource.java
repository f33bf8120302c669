package io.mlops.inference.oip.rest;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.common.web.CurrentActor;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.model.service.ModelLifecycle;
import io.mlops.inference.model.service.RegistrySync;
import io.mlops.inference.model.service.ServedModel;
import io.mlops.inference.oip.service.OipInferenceService;
import io.mlops.inference.web.Caller;
import io.mlops.inference.traffic.service.Routed;
import io.mlops.inference.traffic.service.Router;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The Open Inference Protocol v2 (KServe's REST dialect). Errors carry {@code error}, the field
 * OIP clients read, next to the platform's problem fields. Inference runs on worker threads.
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open Inference Protocol v2")
public class OipResource {

    private static final String PLATFORM = "onnxruntime_onnx";
    /** The binary tensor data extension's header: the length of the JSON before the raw bytes. */
    private static final String BINARY_HEADER_LENGTH = "Inference-Header-Content-Length";

    private final OipInferenceService inference;
    private final Router router;
    private final RegistrySync sync;
    private final ModelLifecycle lifecycle;

    public OipResource(OipInferenceService inference, Router router, RegistrySync sync, ModelLifecycle lifecycle) {
        this.inference = inference;
        this.router = router;
        this.sync = sync;
        this.lifecycle = lifecycle;
    }

    /** OIP server metadata. */
    public record ServerMetadata(String name, String version, List<String> extensions) {
    }

    @GET
    @Operation(summary = "Server metadata")
    public ServerMetadata server() {
        return new ServerMetadata("mlops-inference-service", "0.1.0", List.of("model_repository_aliases", "traffic_split"));
    }

    @GET
    @Path("/health/live")
    @Operation(summary = "Server liveness")
    public Map<String, Boolean> live() {
        return Map.of("live", true);
    }

    @GET
    @Path("/health/ready")
    @Operation(summary = "Ready once the registry has been read and no alias is still loading its first version; a swap keeps it ready (unlike /q/health/ready, which waits for neither)")
    public Map<String, Boolean> ready() {
        if (!sync.synced()) {
            throw new PlatformException(ErrorCode.MODEL_NOT_READY, "The model list has not been read from the registry yet");
        }
        int loading = lifecycle.firstLoadsPending();
        if (loading > 0) {
            throw new PlatformException(ErrorCode.MODEL_NOT_READY, loading + " alias(es) still loading their first version");
        }
        return Map.of("ready", true);
    }

    @GET
    @Path("/models/{model}")
    @Operation(summary = "Model metadata of the version the champion alias serves")
    public ModelMetadata model(@RestPath String model) {
        Routed routed = router.routeChampion(model);
        try {
            return metadata(model, routed.primary());
        } finally {
            routed.releasePrimary();
        }
    }

    @GET
    @Path("/models/{model}/versions/{version}")
    @Operation(summary = "Model metadata of a loaded version")
    public ModelMetadata version(@RestPath String model, @RestPath String version) {
        Routed routed = router.routeVersion(model, version);
        try {
            return metadata(model, routed.primary());
        } finally {
            routed.releasePrimary();
        }
    }

    @GET
    @Path("/models/{model}/ready")
    @Operation(summary = "200 when the champion alias has a loaded version; 503 MODEL_NOT_READY otherwise")
    public Map<String, Object> modelReady(@RestPath String model) {
        router.routeChampion(model).releasePrimary();
        return Map.of("name", model, "ready", true);
    }

    @GET
    @Path("/models/{model}/versions/{version}/ready")
    @Operation(summary = "200 when this version is loaded")
    public Map<String, Object> versionReady(@RestPath String model, @RestPath String version) {
        router.routeVersion(model, version).releasePrimary();
        return Map.of("name", model, "version", version, "ready", true);
    }

    // Infer is in-memory work only (parse, a few-microsecond session run, a non-blocking queue
    // offer for the prediction log), so it runs on the event loop and skips the worker hand-off.
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/models/{model}/infer")
    @Operation(summary = "Inference on the deployment's split (champion / challenger by request id, shadow)")
    public InferResponse infer(@RestPath String model, byte[] body, @HeaderParam("traceparent") String traceparent,
                               @HeaderParam(CurrentActor.HEADER) String actor,
                               @HeaderParam(BINARY_HEADER_LENGTH) String binaryHeaderLength) throws IOException {
        refuseBinary(binaryHeaderLength);
        return inference.infer(model, null, body, new Caller(CurrentActor.normalise(actor), traceparent));
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/models/{model}/versions/{version}/infer")
    @Operation(summary = "Inference on one loaded version, bypassing the split")
    public InferResponse inferVersion(@RestPath String model, @RestPath String version, byte[] body,
                                      @HeaderParam("traceparent") String traceparent,
                                      @HeaderParam(CurrentActor.HEADER) String actor,
                                      @HeaderParam(BINARY_HEADER_LENGTH) String binaryHeaderLength) throws IOException {
        refuseBinary(binaryHeaderLength);
        return inference.infer(model, version, body, new Caller(CurrentActor.normalise(actor), traceparent));
    }

    /**
     * A body of the binary tensor data extension is a JSON header followed by raw bytes, and
     * clients such as tritonclient send it without a Content-Type, so the media type check never
     * sees it: the extension's header tells it apart.
     */
    private static void refuseBinary(String binaryHeaderLength) {
        if (binaryHeaderLength != null) {
            throw InferenceErrors.binaryDataUnsupported();
        }
    }

    private ModelMetadata metadata(String model, LoadedModel m) {
        ServedModel sm = router.servedOrFail(model);
        Map<String, Object> aliases = new LinkedHashMap<>();
        TreeSet<Integer> versions = new TreeSet<>();
        sm.snapshot().forEach((alias, loaded) -> {
            aliases.put(alias, Integer.toString(loaded.version()));
            versions.add(loaded.version());
        });
        return new ModelMetadata(model, versions.stream().map(String::valueOf).toList(), PLATFORM, m.inputs(),
                m.outputs(), Map.of("aliases", aliases, "version", Integer.toString(m.version())));
    }
}
