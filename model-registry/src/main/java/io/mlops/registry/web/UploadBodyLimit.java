package io.mlops.registry.web;

import io.mlops.common.config.ByteSizes;
import io.mlops.common.web.BodyLimitRoute;
import io.mlops.registry.config.Limits;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * A version upload may be as large as an artifact plus its metadata (and multipart framing);
 * every other request is held to the JSON body limit ({@code mlops.http.body.max-size}).
 */
@ApplicationScoped
public class UploadBodyLimit implements BodyLimitRoute {

    private static final Pattern UPLOAD = Pattern.compile("^/api/v1/models/[^/]+/versions/?$");

    private final Limits limits;

    public UploadBodyLimit(Limits limits) {
        this.limits = limits;
    }

    @Override
    public boolean matches(HttpMethod method, String path) {
        return method == HttpMethod.POST && UPLOAD.matcher(path).matches();
    }

    @Override
    public long maxBytes() {
        return limits.maxUploadBodyBytes();
    }

    @Override
    public String describe() {
        return "for an upload (artifact up to " + ByteSizes.describe(limits.maxArtifactBytes())
                + ", metadata up to " + ByteSizes.describe(limits.maxMetadataBytes()) + ")";
    }
}
