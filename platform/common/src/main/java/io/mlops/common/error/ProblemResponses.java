package io.mlops.common.error;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem+json responses, also for code outside exception mappers (e.g. Vert.x routes). */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(ErrorCode code, String detail, String instance, List<FieldError> errors) {
        return of(code, code.status(), detail, instance, errors);
    }

    /** With an explicit status, for framework errors whose status has no code of its own (e.g. 501). */
    public static Response of(ErrorCode code, int status, String detail, String instance, List<FieldError> errors) {
        Problem problem = Problem.of(code, status, detail, instance, errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
