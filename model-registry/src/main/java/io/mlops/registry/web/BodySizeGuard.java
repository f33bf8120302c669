package io.mlops.registry.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.Problem;
import io.mlops.registry.config.ByteSizes;
import io.mlops.registry.config.Limits;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses an oversized body from its {@code Content-Length}, before a byte of it is read, with a
 * 413 problem document naming the limit: uploads may be as large as an artifact, other requests
 * as large as a JSON body. Also turns the HTTP layer's own 413 (a body without length that
 * outgrows {@code quarkus.http.limits.max-body-size}) into the same problem document.
 */
@ApplicationScoped
public class BodySizeGuard {

    private static final Pattern UPLOAD = Pattern.compile("^/api/v1/models/[^/]+/versions/?$");
    /** Ahead of every Quarkus route, so the body is never buffered first. */
    private static final int ORDER = -1_000;

    private final Limits limits;
    private final ObjectMapper mapper;

    public BodySizeGuard(Limits limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        router.errorHandler(413, ctx -> reject(ctx, "The request body is larger than the server accepts"));
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && hasBody(request.method())) {
            boolean upload = request.method() == HttpMethod.POST && UPLOAD.matcher(request.path()).matches();
            long max = upload ? limits.maxUploadBodyBytes() : limits.maxJsonBodyBytes();
            long size;
            try {
                size = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size > max) {
                reject(ctx, "The request body of " + size + " bytes exceeds the limit of " + ByteSizes.describe(max)
                        + (upload ? " for an upload (artifact up to " + ByteSizes.describe(limits.maxArtifactBytes())
                        + ", metadata up to " + ByteSizes.describe(limits.maxMetadataBytes()) + ")"
                        : " for a JSON request"));
                return;
            }
        }
        ctx.next();
    }

    private void reject(RoutingContext ctx, String detail) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        Problem problem = Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, detail, ctx.request().path(), List.of());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\"}";
        }
        // The unread body may still be arriving: close the connection rather than drain it.
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    private static boolean hasBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }
}
