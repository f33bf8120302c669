package io.mlops.registry.web;

import io.mlops.common.error.Problem;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Keeps {@code application/problem+json} on every problem document. When a request is refused
 * while its resource method is being chosen (415, 406), the framework would otherwise label the
 * document with the resource's own {@code @Produces} type.
 */
public class ProblemMediaType {

    @ServerResponseFilter
    public void keepProblemType(ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        }
    }
}
