package io.mlops.inference.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.Problem;
import io.mlops.inference.config.LimitsConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Refuses an oversized body from its {@code Content-Length}, before a byte of it is buffered,
 * with a 413 problem document naming the limit (and on {@code /v2} the OIP {@code error} field).
 * Also turns the HTTP layer's own 413, for a body without a length that outgrows
 * {@code quarkus.http.limits.max-body-size}, into the same document.
 */
@ApplicationScoped
public class BodySizeGuard {

    /** Ahead of every Quarkus route, so the body is never buffered first. */
    private static final int ORDER = -1_000;

    private final long maxBytes;
    private final ObjectMapper mapper;

    public BodySizeGuard(LimitsConfig limits, ObjectMapper mapper) {
        this.maxBytes = limits.maxRequestSize().asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        router.errorHandler(413, ctx -> reject(ctx, "The request body is larger than the limit of " + maxBytes + " bytes"));
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        HttpMethod method = request.method();
        if (length != null && (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH)) {
            long size;
            try {
                size = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size > maxBytes) {
                reject(ctx, "The request body of " + size + " bytes exceeds the limit of " + maxBytes + " bytes");
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
        // The unread body may still be arriving: close the connection rather than read it all.
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
