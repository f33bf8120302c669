package io.mlops.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.common.config.ByteSizes;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * Refuses an oversized body from its {@code Content-Length}, before a byte of it is read or
 * buffered, with a 413 {@code PAYLOAD_TOO_LARGE} problem document naming the limit (on Open
 * Inference Protocol routes with its {@code error} field too). The limit is
 * {@code mlops.http.body.max-size} ({@link BodyLimitConfig}) unless a {@link BodyLimitRoute} claims
 * the request. Also turns the HTTP layer's own 413, for a body without a length that outgrows
 * {@code quarkus.http.limits.max-body-size}, into the same document. Where
 * {@code mlops.http.body.length-required} is set, a chunked body (no length to check) is refused
 * with 411 on every route but those a {@link BodyLimitRoute} claims.
 */
@ApplicationScoped
public class BodySizeGuard {

    /** Ahead of every Quarkus route, so the body is never buffered first. */
    private static final int ORDER = -1_000;
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final String OVERSIZED_TEMPLATE = "/{oversized}";

    private final long maxBytes;
    private final boolean lengthRequired;
    private final List<BodyLimitRoute> routes;
    private final ObjectMapper mapper;

    public BodySizeGuard(BodyLimitConfig config, @Any Instance<BodyLimitRoute> routes, ObjectMapper mapper) {
        this.maxBytes = config.maxSize().asLongValue();
        this.lengthRequired = config.lengthRequired();
        this.routes = routes.stream().toList();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        router.errorHandler(413, ctx -> reject(ctx, 413, ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than the server accepts"));
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && lengthRequired && mayCarryBody(request) && route(request) == null) {
            reject(ctx, 411, ErrorCode.MALFORMED_REQUEST, "A body on this route needs a Content-Length (at most "
                    + ByteSizes.describe(maxBytes) + "); a chunked body is accepted only by uploads");
            return;
        }
        if (length != null) {
            long size = parse(length);
            BodyLimitRoute route = route(request);
            long max = route == null ? maxBytes : route.maxBytes();
            if (size > max) {
                reject(ctx, 413, ErrorCode.PAYLOAD_TOO_LARGE, "The request body of " + size + " bytes exceeds the limit of " + ByteSizes.describe(max)
                        + (route == null ? "" : " " + route.describe()));
                return;
            }
        }
        ctx.next();
    }

    /** Without a length: HTTP/1.1 says so with Transfer-Encoding; HTTP/2 sends data frames on any POST, PUT or PATCH. */
    private static boolean mayCarryBody(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        HttpMethod method = request.method();
        return request.version() == HttpVersion.HTTP_2
                && (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH);
    }

    private BodyLimitRoute route(HttpServerRequest request) {
        for (BodyLimitRoute route : routes) {
            if (route.matches(request.method(), request.path())) {
                return route;
            }
        }
        return null;
    }

    private void reject(RoutingContext ctx, int status, ErrorCode code, String detail) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        // Refused before routing, the request has no route template, and its metrics would be tagged
        // with whatever path the client made up: one more time series per path. Quarkus REST keeps
        // a request's template under this key of its context; "/{oversized}" stands for them all.
        if (ctx.request() instanceof HttpServerRequestInternal internal) {
            internal.context().putLocal(URL_PATH_TEMPLATE, OVERSIZED_TEMPLATE);
        }
        Problem problem = Problem.of(code, status, detail, ctx.request().path(), List.of());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + ",\"code\":\"" + code + "\"}";
        }
        // The unread body may still be arriving: close the connection rather than drain it.
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
