package io.mlops.registry.version.rest;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.registry.version.service.VersionUploads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/** The {@code artifact} and {@code metadata} parts of an upload, with 400s naming a missing or doubled part. */
final class MultipartUpload implements VersionUploads.Upload {

    private final FormValue artifact;
    private final FormValue metadata;

    private MultipartUpload(FormValue artifact, FormValue metadata) {
        this.artifact = artifact;
        this.metadata = metadata;
    }

    static MultipartUpload of(MultipartFormDataInput input) {
        if (input == null) {
            throw malformed("The body must be multipart/form-data with parts 'artifact' and 'metadata'", "body");
        }
        FormValue artifact = single(input, "artifact");
        FormValue metadata = single(input, "metadata");
        if (!artifact.isFileItem()) {
            throw malformed("Part 'artifact' must carry the ONNX bytes as a file (a filename or Content-Type"
                    + " application/octet-stream)", "artifact");
        }
        return new MultipartUpload(artifact, metadata);
    }

    @Override
    public long artifactSize() throws IOException {
        return artifact.getFileItem().getFileSize();
    }

    @Override
    public InputStream artifact() throws IOException {
        return artifact.getFileItem().getInputStream();
    }

    @Override
    public long metadataSize() throws IOException {
        return metadata.isFileItem() ? metadata.getFileItem().getFileSize()
                : metadata.getValue().getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public InputStream metadata() throws IOException {
        if (metadata.isFileItem()) {
            return metadata.getFileItem().getInputStream();
        }
        return new ByteArrayInputStream(metadata.getValue().getBytes(StandardCharsets.UTF_8));
    }

    private static FormValue single(MultipartFormDataInput input, String name) {
        Collection<FormValue> values = input.getValues().get(name);
        if (values == null || values.isEmpty()) {
            throw malformed("The multipart body has no '" + name + "' part; send parts 'artifact' (ONNX bytes) and"
                    + " 'metadata' (JSON)", name);
        }
        if (values.size() > 1) {
            throw malformed("The multipart body has " + values.size() + " '" + name + "' parts; send exactly one", name);
        }
        return values.iterator().next();
    }

    private static PlatformException malformed(String detail, String field) {
        return new PlatformException(ErrorCode.MALFORMED_REQUEST, detail, List.of(new FieldError(field, detail)));
    }
}
