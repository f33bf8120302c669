package io.mlops.features.feast.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.common.web.CurrentActor;
import io.mlops.features.config.IngestConfig;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.error.Names;
import io.mlops.features.ingest.rest.PushBody;
import io.mlops.features.ingest.rest.StreamedPushBodies;
import io.mlops.features.ingest.service.IngestService.PushResult;
import io.mlops.features.ingest.service.IngestService;
import io.mlops.features.offline.service.MaterializationService.Result;
import io.mlops.features.offline.service.MaterializationService;
import io.mlops.features.online.messaging.WriteOrigin;
import io.mlops.features.online.rest.OnlineFeaturesRequest;
import io.mlops.features.online.rest.OnlineFeaturesResponse;
import io.mlops.features.online.service.OnlineLookupService;
import io.mlops.features.view.service.EventTimes;
import io.mlops.features.view.service.FeatureViewService;
import io.mlops.features.view.service.ViewCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The routes of Feast's Python feature server ({@code feast serve}), so an existing Feast client or
 * script works by changing only its URL. A push source is the feature view of the same name.
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feast feature server compatibility")
public class FeastCompatResource {

    private final OnlineLookupService online;
    private final IngestService ingest;
    private final MaterializationService materialization;
    private final FeatureViewService views;
    private final ViewCatalog catalog;
    private final ObjectMapper mapper;
    private final IngestConfig config;
    private final CurrentActor actor;
    private final StreamedPushBodies pushBodies;

    public FeastCompatResource(OnlineLookupService online, IngestService ingest,
                               MaterializationService materialization, FeatureViewService views, ViewCatalog catalog,
                               ObjectMapper mapper, IngestConfig config, CurrentActor actor,
                               StreamedPushBodies pushBodies) {
        this.online = online;
        this.ingest = ingest;
        this.materialization = materialization;
        this.views = views;
        this.catalog = catalog;
        this.mapper = mapper;
        this.config = config;
        this.actor = actor;
        this.pushBodies = pushBodies;
    }

    @POST
    @Path("get-online-features")
    @Operation(summary = "Feast: get online features (same as /api/v1/online-features)")
    public Uni<OnlineFeaturesResponse> getOnlineFeatures(OnlineFeaturesRequest request) {
        return online.lookupAsync(request);
    }

    @POST
    @Path("push")
    @Operation(summary = "Feast: push {push_source_name, df, to}; the push source is the feature view of that name")
    public PushResult push(@HeaderParam("traceparent") String traceparent, InputStream body) throws IOException {
        PushBody.Parsed parsed = PushBody.read(pushBodies.limit(body), mapper, config.maxRowsPerBatch());
        if (parsed.pushSourceName() == null) {
            throw FeatureErrors.validation("push_source_name", "push_source_name is required (the feature view's name)");
        }
        return ingest.push(parsed.pushSourceName(), parsed.to(), feastTimes(parsed.rows()),
                new WriteOrigin(actor.name(), traceparent));
    }

    /**
     * Event times as Feast's server reads them: pandas makes a time without an offset UTC
     * ({@code "2022-05-13 10:59:42"} in Feast's own push example). Each is rewritten in RFC 3339;
     * one that is no time at all is left for the validator to refuse, naming its row.
     */
    private static List<Object> feastTimes(List<Object> rows) {
        for (Object row : rows) {
            if (row instanceof Map<?, ?> map && map.get(Names.EVENT_TIMESTAMP) instanceof String text) {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> values = (Map<String, Object>) map;
                    values.put(Names.EVENT_TIMESTAMP, EventTimes.parseNaiveAsUtc(text).toString());
                } catch (IllegalArgumentException notATime) {
                    // refused by the validator with the row's position
                }
            }
        }
        return rows;
    }

    @POST
    @Path("materialize")
    @Operation(summary = "Feast: materialize {start_ts, end_ts, feature_views?}")
    public List<Result> materialize(@HeaderParam("traceparent") String traceparent, FeastMaterializeRequest request) {
        if (request == null || request.startTs() == null || request.endTs() == null) {
            throw FeatureErrors.validation("start_ts", "start_ts and end_ts are required");
        }
        return run(request, true, new WriteOrigin(actor.name(), traceparent));
    }

    @POST
    @Path("materialize-incremental")
    @Operation(summary = "Feast: materialize-incremental {end_ts, feature_views?}: each view from where it last ended")
    public List<Result> materializeIncremental(@HeaderParam("traceparent") String traceparent,
                                               FeastMaterializeRequest request) {
        if (request == null || request.endTs() == null) {
            throw FeatureErrors.validation("end_ts", "end_ts is required");
        }
        return run(request, false, new WriteOrigin(actor.name(), traceparent));
    }

    private List<Result> run(FeastMaterializeRequest request, boolean withStart, WriteOrigin origin) {
        Instant start = withStart ? time("start_ts", request.startTs()) : null;
        Instant end = time("end_ts", request.endTs());
        List<String> names = request.featureViews() != null && !request.featureViews().isEmpty()
                ? request.featureViews()
                : views.list().stream().map(h -> h.name()).toList();
        // Every name is checked first: a typo late in the list must not leave the views before it done.
        names.forEach(catalog::require);
        List<Result> results = new ArrayList<>(names.size());
        for (String name : names) {
            results.add(materialization.materialize(name, start, end, origin));
        }
        return results;
    }

    private static Instant time(String field, String text) {
        try {
            return EventTimes.parseNaiveAsUtc(text);
        } catch (IllegalArgumentException e) {
            throw FeatureErrors.validation(field, field + " " + e.getMessage());
        }
    }
}
