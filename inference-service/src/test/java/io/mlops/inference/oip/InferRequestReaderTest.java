package io.mlops.inference.oip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.events.registry.Datatype;
import io.mlops.inference.oip.service.InferInput;
import io.mlops.inference.oip.service.InferRequest;
import io.mlops.inference.oip.service.InferRequestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferRequestReaderTest {

    private final InferRequestReader reader = new InferRequestReader(1_000);

    @Test
    void readsFieldsInAnyOrderIntoPrimitiveArrays() throws IOException {
        InferRequest request = read("""
                {"outputs":[{"name":"p","parameters":{"binary_data":false}}],
                 "inputs":[{"data":[[1,2.5],[3,4]],"datatype":"FP32","shape":[2,2],"name":"x","parameters":{}}],
                 "parameters":{"priority":1},"id":"abc","unknown":{"ignored":[1,2]}}""");
        assertEquals("abc", request.id());
        assertEquals(1, request.parameters().get("priority").intValue());
        assertEquals(List.of("p"), request.outputs());
        InferInput x = request.inputs().get(0);
        assertEquals(Datatype.FP32, x.datatype());
        assertArrayEquals(new long[] {2, 2}, x.shape());
        assertArrayEquals(new float[] {1f, 2.5f, 3f, 4f}, (float[]) x.data());
        assertEquals(2, x.rows());
    }

    @Test
    void integersKeepSixtyFourBitsAndStringsStayStrings() throws IOException {
        InferInput ids = read("{\"inputs\":[{\"name\":\"id\",\"shape\":[2],\"datatype\":\"INT64\","
                + "\"data\":[9223372036854775807,-9223372036854775808]}]}").inputs().get(0);
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE}, (long[]) ids.data());
        InferInput text = read("{\"inputs\":[{\"name\":\"t\",\"shape\":[1,2],\"datatype\":\"BYTES\","
                + "\"data\":[\"a\",\"\"]}]}").inputs().get(0);
        assertArrayEquals(new String[] {"a", ""}, (String[]) text.data());
        InferInput flags = read("{\"inputs\":[{\"name\":\"b\",\"shape\":[3],\"datatype\":\"BOOL\","
                + "\"data\":[true,false,true]}]}").inputs().get(0);
        assertArrayEquals(new boolean[] {true, false, true}, (boolean[]) flags.data());
    }

    @Test
    void idIsOptionalAndMayBeANumber() throws IOException {
        assertNull(read("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}]}").id());
        assertEquals("7", read("{\"id\":7,\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}]}").id());
    }

    @Test
    void refusalsNameTheInputAndTheField() {
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"INT64\",\"data\":[1,2.5]}]}",
                "inputs[0].data", "element 1 (2.5) is not an integer");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1,NaN]}]}",
                "inputs[0].data", "'x' element 1 is NaN");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"BOOL\",\"data\":[1,0]}]}",
                "inputs[0].data", "is BOOL but element 0 is a number");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[-1,2],\"datatype\":\"FP32\",\"data\":[1,0]}]}",
                "inputs[0].shape", "non-negative");
        assertInvalid("{\"inputs\":[{\"shape\":[2],\"datatype\":\"FP32\",\"data\":[1,0]}]}",
                "inputs[0].name", "no name");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"data\":[1,0]}]}",
                "inputs[0].datatype", "'x' has no datatype");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[3],\"datatype\":\"FP32\",\"data\":[1,0]}]}",
                "inputs[0].data", "has 2 values but shape [3] needs 3");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[{\"a\":1}]}]}",
                "inputs[0].data", "is an object");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"INT8\",\"data\":[300]}]}",
                "inputs[0].data", "out of INT8 range");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[9223372036854775808]}]}",
                "inputs[0].data", "'x' is INT64 but element 0 (9.223372036854776E18) does not fit in 64 bits");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[3.5e38]}]}",
                "inputs[0].data", "(3.5E38) is out of FP32 range");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[null]}]}",
                "inputs[0].data", "inputs[0].data: element 0 is null");
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[70409299,61],\"datatype\":\"FP32\",\"data\":[1]}]}",
                "inputs[0].data", "needs more than 2147483647");
    }

    @Test
    void numbersThatFitTheirFloatingPointTypeAreReadHoweverTheyAreWritten() throws IOException {
        // JavaScript and Go write 1e20 as an integer; Jackson writes FP32's largest value as 3.4028235E38.
        InferInput big = read("{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP64\","
                + "\"data\":[100000000000000000000,-7]}]}").inputs().get(0);
        assertArrayEquals(new double[] {1e20, -7}, (double[]) big.data());
        InferInput largest = read("{\"inputs\":[{\"name\":\"x\",\"shape\":[3],\"datatype\":\"FP32\","
                + "\"data\":[3.4028235E38,-3.4028235E38,100000000000000000000]}]}").inputs().get(0);
        assertArrayEquals(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, 1e20f}, (float[]) largest.data());
        InferInput ids = read("{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"INT64\","
                + "\"data\":[9223372036854775807,-9223372036854775808]}]}").inputs().get(0);
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE}, (long[]) ids.data());
    }

    @Test
    void aRequestCarryingMoreElementsThanTheLimitIsRefusedWhileRead() throws IOException {
        String ok = "{\"inputs\":[{\"name\":\"a\",\"shape\":[2,250],\"datatype\":\"FP32\",\"data\":" + zeros(500)
                + "},{\"name\":\"b\",\"shape\":[500],\"datatype\":\"FP32\",\"data\":" + zeros(500) + "}]}";
        assertEquals(2, read(ok).inputs().size(), "exactly the limit over two inputs");
        String over = "{\"inputs\":[{\"name\":\"a\",\"shape\":[2,250],\"datatype\":\"FP32\",\"data\":" + zeros(500)
                + "},{\"name\":\"b\",\"shape\":[501],\"datatype\":\"BYTES\",\"data\":"
                + zeros(501).replace("0", "\"a\"") + "}]}";
        PlatformException e = assertThrows(PlatformException.class, () -> read(over));
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("more than 1000 values (tensor elements and parameters)"), e.getMessage());
    }

    @Test
    void parametersCountAgainstTheLimitAndMayBeAnyJson() throws IOException {
        String big = "{\"parameters\":{\"tags\":" + zeros(1_001) + "},\"inputs\":[{\"name\":\"x\",\"shape\":[1],"
                + "\"datatype\":\"FP32\",\"data\":[1]}]}";
        PlatformException e = assertThrows(PlatformException.class, () -> read(big));
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.code());
        InferInput x = read("{\"inputs\":[{\"name\":\"x\",\"parameters\":[1,{\"a\":2}],\"shape\":[1],"
                + "\"datatype\":\"FP32\",\"data\":[1]}]}").inputs().get(0);
        assertArrayEquals(new float[] {1f}, (float[]) x.data(), "an input's parameters that are not an object are skipped");
    }

    @Test
    void anIntegerBeyondEveryDoubleIsInfinityAndRefused() {
        String digits = "1" + "0".repeat(320);
        assertInvalid("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[" + digits + "]}]}",
                "inputs[0].data", "element 0 is Infinity; only finite numbers are accepted");
    }

    @Test
    void binaryTensorDataIsRefusedAsUnsupportedRatherThanAsMissingData() {
        PlatformException e = assertThrows(PlatformException.class, () -> read(
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,5],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":20}}]}"));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, e.code());
        assertTrue(e.getMessage().contains("binary_data=False"), e.getMessage());
    }

    private static String zeros(int n) {
        return "[" + String.join(",", java.util.Collections.nCopies(n, "0")) + "]";
    }

    @Test
    void malformedJsonIsAJacksonErrorOrMalformedRequest() {
        assertThrows(JsonProcessingException.class, () -> read("{\"inputs\":[{\"name\":"));
        PlatformException notAnObject = assertThrows(PlatformException.class, () -> read("[]"));
        assertEquals(ErrorCode.MALFORMED_REQUEST, notAnObject.code());
        PlatformException empty = assertThrows(PlatformException.class, () -> reader.read(new byte[0]));
        assertEquals(ErrorCode.MALFORMED_REQUEST, empty.code());
    }

    private void assertInvalid(String json, String field, String message) {
        PlatformException e = assertThrows(PlatformException.class, () -> read(json));
        assertEquals(ErrorCode.INVALID_INPUT, e.code(), e.getMessage());
        assertEquals(field, e.errors().get(0).field(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private InferRequest read(String json) throws IOException {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
