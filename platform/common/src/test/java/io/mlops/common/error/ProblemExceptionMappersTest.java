package io.mlops.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.junit.jupiter.api.Test;

class ProblemExceptionMappersTest {

    private final ProblemExceptionMappers mappers = new ProblemExceptionMappers();
    private final ObjectMapper json = new ObjectMapper();

    record Target(double score, List<Integer> sizes) {
    }

    @Test
    void platformExceptionKeepsItsCodeStatusAndFieldErrors() {
        var e = new PlatformException(ErrorCode.SCHEMA_VIOLATION, "2 rows are invalid",
                List.of(new FieldError("rows[1].f1", "expected DOUBLE")));

        Response response = mappers.platform(e, uri("/api/v1/feature-views/x/push"));

        Problem problem = problem(response);
        assertEquals(422, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals("SCHEMA_VIOLATION", problem.code());
        assertEquals("2 rows are invalid", problem.detail());
        assertEquals("/api/v1/feature-views/x/push", problem.instance());
        assertEquals(List.of(new FieldError("rows[1].f1", "expected DOUBLE")), problem.errors());
        assertNull(problem.error(), "only Open Inference Protocol routes carry 'error'");
    }

    @Test
    void openInferenceRoutesRepeatDetailInErrorField() {
        var e = new PlatformException(ErrorCode.INVALID_INPUT, "input 'x' has shape [3] but the model wants [-1,4]");

        Problem problem = problem(mappers.platform(e, uri("/v2/models/churn/infer")));

        assertEquals(problem.detail(), problem.error());
        assertEquals(400, problem.status());
    }

    @Test
    void malformedJsonIsA400WithStableCode() throws Exception {
        Exception parse = assertThrowsJson("{\"score\": ");

        Response response = mappers.json((com.fasterxml.jackson.core.JsonProcessingException) parse, uri("/api/v1/x"));

        Problem problem = problem(response);
        assertEquals(400, response.getStatus());
        assertEquals("MALFORMED_REQUEST", problem.code());
        assertTrue(problem.detail().startsWith("The body is not valid JSON"), problem.detail());
    }

    @Test
    void detailsNameNoPackageOfTheServer() throws Exception {
        Exception mismatch = assertThrowsJson("\"just text\"");

        Problem problem = problem(mappers.json((com.fasterxml.jackson.core.JsonProcessingException) mismatch, uri("/x")));

        assertFalse(problem.detail().contains("io.mlops"), problem.detail());
        assertTrue(problem.detail().contains("`ProblemExceptionMappersTest.Target`"), problem.detail());
        assertEquals("Cannot construct `String` from `Map`",
                ProblemExceptionMappers.clientMessage("Cannot construct `java.lang.String` from `java.util.Map`"));
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        Exception mismatch = assertThrowsJson("{\"score\": 0.5, \"sizes\": [1, \"big\"]}");

        Problem problem = problem(mappers.json((com.fasterxml.jackson.core.JsonProcessingException) mismatch, uri("/x")));

        assertEquals("MALFORMED_REQUEST", problem.code());
        assertEquals("sizes[1]", problem.errors().get(0).field());
    }

    @Test
    void wrongShapeWinsOverTheJsonExtensionsMapperAndNamesTheField() throws Exception {
        Exception invalid = assertThrowsJson("{\"score\": \"high\"}");
        assertTrue(invalid instanceof InvalidFormatException, invalid.getClass().getName());

        Response response = mappers.mismatched((MismatchedInputException) invalid, uri("/api/v1/x"));

        Problem problem = problem(response);
        assertEquals(400, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals("MALFORMED_REQUEST", problem.code());
        assertEquals("Field 'score' has the wrong type or shape", problem.detail());
        assertEquals("score", problem.errors().get(0).field());
        assertEquals("/api/v1/x", problem.instance());
        Method method = ProblemExceptionMappers.class.getMethod("mismatched", MismatchedInputException.class,
                UriInfo.class);
        assertTrue(method.getAnnotation(ServerExceptionMapper.class).priority() < Priorities.USER,
                "must be chosen before the JSON extension's own mapper");
    }

    @Test
    void strictReadingNamesAnUnknownFieldAndRefusesAFractionForAnInteger() throws Exception {
        var strict = new io.mlops.common.web.StrictJson().apply(json, Target.class);
        Exception unknown = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> strict.readValue("{\"score\": 0.5, \"sizs\": [1]}"));

        Problem problem = problem(mappers.mismatched((MismatchedInputException) unknown, uri("/api/v1/x")));

        assertEquals(400, problem.status());
        assertEquals("MALFORMED_REQUEST", problem.code());
        assertEquals("sizs", problem.errors().get(0).field());
        assertTrue(problem.detail().startsWith("Unknown field 'sizs'; known fields here are [score, sizes]"),
                problem.detail());
        org.junit.jupiter.api.Assertions.assertThrows(MismatchedInputException.class,
                () -> strict.readValue("{\"score\": 0.5, \"sizes\": [1.5]}"));
        assertEquals(List.of(1, 2), ((Target) strict.readValue("{\"score\": 1, \"sizes\": [1, 2]}")).sizes());
    }

    @Test
    void wrongShapeOfTheWholeBodyHasNoField() throws Exception {
        Exception notAnObject = assertThrowsJson("[1, 2]");

        Problem problem = problem(mappers.mismatched((MismatchedInputException) notAnObject, uri("/x")));

        assertEquals("MALFORMED_REQUEST", problem.code());
        assertTrue(problem.detail().startsWith("The body does not have the expected JSON shape"), problem.detail());
        assertNull(problem.errors(), "no field to name");
    }

    @Test
    void frameworkErrorsBecomeProblemsWithTheirStatus() {
        assertEquals("NOT_FOUND", problem(mappers.web(new NotFoundException(), uri("/nope"))).code());
        Response unsupported = mappers.web(new NotSupportedException(), uri("/api/v1/models"));
        assertEquals(415, unsupported.getStatus());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", problem(unsupported).code());
        Response notAllowed = mappers.web(new NotAllowedException("GET"), uri("/api/v1/models"));
        assertEquals(405, notAllowed.getStatus());
        assertEquals("METHOD_NOT_ALLOWED", problem(notAllowed).code());
    }

    @Test
    void aParameterThatCannotBeConvertedIsAMalformedRequestNotAMissingResource() {
        Response response = mappers.web(new NotFoundException(new NumberFormatException("For input string: \"abc\"")),
                uri("/api/v1/models"));

        Problem problem = problem(response);
        assertEquals(400, response.getStatus());
        assertEquals("MALFORMED_REQUEST", problem.code());
        assertTrue(problem.detail().contains("\"abc\""), problem.detail());
    }

    @Test
    void unexpectedErrorsDoNotLeakInternals() {
        Response response = mappers.unexpected(new IllegalStateException("password=hunter2"), uri("/x"));

        Problem problem = problem(response);
        assertEquals(500, response.getStatus());
        assertEquals("INTERNAL_ERROR", problem.code());
        assertFalse(problem.detail().contains("hunter2"));
    }

    @Test
    void everyCodeHasAStatusAndATypeUri() {
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(code.status() >= 400 && code.status() < 600, code.name());
            assertTrue(code.typeUri().endsWith(code.name().toLowerCase().replace('_', '-')), code.name());
        }
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.forStatus(413));
        assertEquals(ErrorCode.INTERNAL_ERROR, ErrorCode.forStatus(502));
    }

    private Exception assertThrowsJson(String body) {
        try {
            json.readValue(body, Target.class);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected Jackson to reject " + body);
    }

    private static Problem problem(Response response) {
        return (Problem) response.getEntity();
    }

    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getRequestUri")) {
                        return URI.create("http://localhost" + path);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
