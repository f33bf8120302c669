package io.mlops.monitor.error;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.ProblemResponses;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A settings body of the wrong shape ({@code "windowSize": "many"}) as a 400 problem document
 * naming the field. Quarkus' JSON extension ships its own mapper for this exception, which would
 * otherwise win over the platform's general one and answer plain JSON without a {@code code}.
 */
public class JsonShapeMapper {

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        String path = uri == null ? null : uri.getRequestUri().getRawPath();
        if (field.isEmpty()) {
            return ProblemResponses.of(ErrorCode.MALFORMED_REQUEST,
                    "The body does not have the expected JSON shape: " + e.getOriginalMessage(), path, List.of());
        }
        return ProblemResponses.of(ErrorCode.MALFORMED_REQUEST, "Field '" + field + "' has the wrong type or shape",
                path, List.of(new FieldError(field, e.getOriginalMessage())));
    }
}
