package io.mlops.registry.version.service;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.common.web.StrictJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the {@code metadata} part. Unknown members are refused: a misspelt {@code featureRef}
 * silently ignored would register a model the inference service cannot feed.
 */
@ApplicationScoped
public class MetadataReader {

    private final ObjectReader reader;

    public MetadataReader(ObjectMapper mapper) {
        // As strict as every other body of the API: a fractional version is not truncated to a wrong dataset version.
        this.reader = StrictJson.reader(mapper, UploadMetadata.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public UploadMetadata read(InputStream json) {
        try {
            UploadMetadata metadata = reader.readValue(json);
            if (metadata == null) {
                throw malformed("the metadata part is JSON null; send an object", List.of());
            }
            return metadata;
        } catch (JsonParseException e) {
            throw malformed("the metadata part is not valid JSON: " + e.getOriginalMessage(),
                    List.of(new FieldError("metadata", "not JSON")));
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            String field = path.isEmpty() ? "metadata" : "metadata." + path;
            throw malformed("metadata field '" + (path.isEmpty() ? "(root)" : path) + "' has the wrong type or is unknown: "
                    + e.getOriginalMessage(), List.of(new FieldError(field, e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw malformed("the metadata part cannot be read: " + e.getOriginalMessage(), List.of());
        } catch (IOException e) {
            throw malformed("the metadata part cannot be read: " + e.getMessage(), List.of());
        }
    }

    private static PlatformException malformed(String detail, List<FieldError> errors) {
        return new PlatformException(ErrorCode.MALFORMED_REQUEST, "Invalid metadata: " + detail, errors);
    }
}
