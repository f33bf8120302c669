package io.mlops.registry.web;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A multipart body the framework cannot parse (cut short, a missing closing boundary) is the
 * client's fault: 400 {@code MALFORMED_REQUEST}, not a 500. Other I/O failures stay server errors.
 */
public class MultipartErrorMapper {

    private static final Logger LOG = Logger.getLogger(MultipartErrorMapper.class);
    private static final String PARSER_PACKAGE = "org.jboss.resteasy.reactive.server.core.multipart";

    @ServerExceptionMapper
    public Response io(IOException e, UriInfo uri) {
        String path = uri == null ? null : uri.getRequestUri().getRawPath();
        boolean fromParser = Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().startsWith(PARSER_PACKAGE));
        if (fromParser) {
            return ProblemResponses.of(ErrorCode.MALFORMED_REQUEST, "The multipart body cannot be parsed: " + e.getMessage(),
                    path, List.of(new FieldError("body", "malformed multipart/form-data")));
        }
        LOG.errorf(e, "I/O failure on %s", path);
        return ProblemResponses.of(ErrorCode.INTERNAL_ERROR,
                "The server failed to handle the request; see its log for details", path, List.of());
    }
}
