package io.mlops.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.common.config.ByteSizes;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.Problem;
import io.vertx.core.buffer.Buffer;
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
 * the request. An HTTP/1.1 body sent chunked (without a length) on a route no {@link BodyLimitRoute}
 * claims is read here up to the limit, and refused with the same document once it outgrows it: the
 * REST layer's own reader would answer a bare 413 without a body. Where
 * {@code mlops.http.body.length-required} is set, a body without a length on such a route (HTTP/2
 * too) is refused with 411 instead.
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
        if (length == null && mayCarryBody(request) && route(request) == null) {
            if (lengthRequired) {
                reject(ctx, 411, ErrorCode.MALFORMED_REQUEST, "A body on this route needs a Content-Length (at most "
                        + ByteSizes.describe(maxBytes) + "); a chunked body is accepted only by uploads");
                return;
            }
            // HTTP/2 is left to the REST layer: it pauses every request it takes, and a stream whose
            // body was read here has ended and refuses to pause.
            if (request.version() != HttpVersion.HTTP_2) {
                readChunked(ctx);
                return;
            }
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

    /**
     * Reads a body sent without a length into the request's context, up to the limit, then lets
     * the request go on ({@link ChunkedBodyFilter} hands the body to the REST layer). Past the
     * limit the answer is the 413 problem document at once; the rest of the body is not read.
     */
    private void readChunked(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > maxBytes) {
                refused[0] = true;
                reject(ctx, 413, ErrorCode.PAYLOAD_TOO_LARGE, "The request body, sent without a Content-Length, "
                        + "outgrew the limit of " + ByteSizes.describe(maxBytes));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                ctx.setBody(body);
                ctx.next();
            }
        });
        // The client may wait for the go-ahead before sending the body, and nothing else will give it now.
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        request.resume();
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
