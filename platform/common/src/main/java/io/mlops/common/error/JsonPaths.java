package io.mlops.common.error;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import java.util.List;

/** Renders Jackson's reference chain as the JSON path a client wrote, e.g. {@code rows[2].score}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<Reference> path) {
        StringBuilder out = new StringBuilder();
        for (Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "$" : out.toString();
    }
}
