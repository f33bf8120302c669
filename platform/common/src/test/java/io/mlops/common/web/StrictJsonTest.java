package io.mlops.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    enum Kind { BOOL, STRING }

    record Body(String name, Integer rows, Boolean shadow, Kind kind, Map<String, String> tags, JsonNode schema) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    private Body read(String json) throws Exception {
        return StrictJson.reader(mapper, Body.class).readValue(json);
    }

    @Test
    void readsValuesOfTheRightType() throws Exception {
        Body body = read("{\"name\":\"a\",\"rows\":10,\"shadow\":true,\"kind\":\"STRING\",\"tags\":{\"t\":\"v\"}}");
        assertEquals(new Body("a", 10, true, Kind.STRING, Map.of("t", "v"), null), body);
    }

    @Test
    void refusesValuesOfAnotherJsonTypeInsteadOfConvertingThem() {
        for (String json : new String[] {
                "{\"name\":true}", "{\"name\":42}", "{\"name\":1.5}", "{\"tags\":{\"t\":1}}",
                "{\"rows\":\"10\"}", "{\"rows\":1.5}", "{\"shadow\":1}", "{\"shadow\":\"true\"}",
                "{\"kind\":1}", "{\"unknown\":1}"}) {
            assertThrows(MismatchedInputException.class, () -> read(json), json);
        }
    }

    @Test
    void refusesHalfASurrogatePairInAStringOrAKeyButReadsWholePairs() throws Exception {
        assertThrows(MismatchedInputException.class, () -> read("{\"name\":\"a\\ud800b\"}"));
        assertThrows(MismatchedInputException.class, () -> read("{\"name\":\"\\udc00\"}"));
        assertThrows(MismatchedInputException.class, () -> read("{\"tags\":{\"\\ud800\":\"v\"}}"));
        assertEquals("a\ud83d\ude00b", read("{\"name\":\"a\\ud83d\\ude00b\"}").name());
        // Free-form members too: a text or a field name anywhere in the tree.
        assertThrows(MismatchedInputException.class, () -> read("{\"schema\":{\"cols\":[\"ok\",\"\\ud800\"]}}"));
        assertThrows(MismatchedInputException.class, () -> read("{\"schema\":{\"\\udfff\":1}}"));
        assertEquals("[\"ok\"]", read("{\"schema\":[\"ok\"]}").schema().toString());
        assertTrue(read("{\"schema\":null}").schema().isNull());
    }

    @Test
    void leavesTheApplicationsMapperAsItWas() throws Exception {
        read("{\"name\":\"a\"}");
        assertEquals("42", mapper.readValue("{\"name\":42}", Body.class).name());
    }
}
