package io.mlops.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one table that turns exceptions into RFC 9457 problem documents. Every path out of a
 * resource goes through here, so no client ever sees a framework's HTML error page or a stack trace.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response platform(PlatformException e, UriInfo uri) {
        return ProblemResponses.of(e.code(), e.getMessage(), path(uri), e.errors());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return malformedJson(e, path(uri));
    }

    /**
     * A body of the wrong shape ({@code "name": 42}, {@code "tags": [1]}, an unknown field, a
     * wrong enum value). The JSON extension ships a mapper for exactly this exception (and its
     * subclasses such as {@code InvalidFormatException}), which would win over {@link #json} and
     * answer plain JSON without a {@code code}; the higher priority puts this one first.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, path(uri));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .collect(Collectors.toList());
        return ProblemResponses.of(ErrorCode.VALIDATION_FAILED, "The request breaks "
                + errors.size() + " rule(s)", path(uri), errors);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, path(uri));
        }
        if (e instanceof NotFoundException && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS answers 404 when a path or query parameter cannot be converted (pageSize=abc):
            // the resource exists, the request is what is wrong.
            return ProblemResponses.of(ErrorCode.MALFORMED_REQUEST, "A path or query parameter could not be read: "
                    + e.getCause().getMessage(), path(uri), List.of());
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ErrorCode code = ErrorCode.forStatus(status);
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? defaultDetail(status) : e.getMessage();
        return ProblemResponses.of(code, status, detail, path(uri), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (unstorableCharacter(e)) {
            LOG.debugf(e, "A NUL character reached the database on %s", path(uri));
            // PostgreSQL refuses NUL in text, in a lookup as in a write: whatever the route, a value
            // of the request can name nothing stored here and be stored nowhere. The statement
            // failed, so nothing was changed.
            return ProblemResponses.of(ErrorCode.VALIDATION_FAILED, "A name or value in the request holds a NUL "
                    + "character (\\u0000, %00), which nothing stored here can hold", path(uri), List.of());
        }
        LOG.errorf(e, "Unhandled error on %s", path(uri));
        return ProblemResponses.of(ErrorCode.INTERNAL_ERROR,
                "The server failed to handle the request; see its log for details", path(uri), List.of());
    }

    /** SQLSTATE 22021 (a byte sequence the database encoding cannot hold: NUL) anywhere in the causes. */
    private static boolean unstorableCharacter(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "22021".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A qualified Java type in Jackson's words ({@code `io.mlops.registry.model.rest.CreateModelRequest`}). */
    private static final Pattern QUALIFIED_TYPE = Pattern.compile("`(?:[a-z_][\\w]*\\.)+([A-Z][\\w$]*)`");

    /**
     * Jackson's message without the server's class and package names, which mean nothing to a
     * client and say how the service is built: {@code `CreateModelRequest`} stays, its package goes.
     */
    static String clientMessage(String message) {
        return message == null ? null : QUALIFIED_TYPE.matcher(message).replaceAll(m -> "`"
                + Matcher.quoteReplacement(m.group(1).replace('$', '.')) + "`");
    }

    private static Response malformedJson(JsonProcessingException e, String path) {
        List<FieldError> errors = List.of();
        String detail;
        if (e instanceof JsonParseException) {
            detail = "The body is not valid JSON: " + clientMessage(e.getOriginalMessage());
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            String field = JsonPaths.of(unknown.getPath());
            String known = unknown.getKnownPropertyIds() == null ? "" : "; known fields here are "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            detail = "Unknown field '" + field + "'" + known;
            errors = List.of(new FieldError(field, "unknown field" + known));
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = JsonPaths.of(mapping.getPath());
            detail = "Field '" + field + "' has the wrong type or shape";
            errors = List.of(new FieldError(field, clientMessage(e.getOriginalMessage())));
        } else if (e instanceof MismatchedInputException) {
            detail = "The body does not have the expected JSON shape: " + clientMessage(e.getOriginalMessage());
        } else {
            detail = "The body could not be read as the expected JSON: " + clientMessage(e.getOriginalMessage());
        }
        return ProblemResponses.of(ErrorCode.MALFORMED_REQUEST, detail, path, errors);
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Paths look like "create.request.name": drop the method and parameter names a client never sent.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : path;
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This path does not accept that method";
            case 406 -> "The server cannot produce the requested media type";
            case 415 -> "The body's media type is not accepted here";
            default -> Response.Status.fromStatusCode(status) == null
                    ? "HTTP " + status : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
