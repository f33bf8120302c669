package io.mlops.common.web;

import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Gives the REST layer the body {@link BodySizeGuard} already read (a chunked body, checked against
 * the limit). Blocking endpoints would find it by themselves; non-blocking ones read from the
 * connection, which has ended, and would see an empty body.
 */
public class ChunkedBodyFilter {

    @ServerRequestFilter(preMatching = true)
    public void useBufferedBody(ContainerRequestContext request, RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body != null) {
            // A view of the buffer, not a copy: the body is held once.
            request.setEntityStream(new ByteBufInputStream(body.getByteBuf()));
        }
    }
}
