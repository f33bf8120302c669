package io.mlops.features.ingest.rest;

import io.mlops.common.config.ByteSizes;
import io.mlops.common.web.BodyLimitConfig;
import io.mlops.common.web.BodyLimitRoute;
import io.mlops.features.config.IngestConfig;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Push bodies (ours and Feast's {@code /push}) are read as a stream, row by row, and refused at
 * the first row past the limit: the body guard must not buffer one sent without a length first.
 * Their byte limit is the service's body limit all the same.
 */
@ApplicationScoped
public class StreamedPushBodies implements BodyLimitRoute {

    private static final Pattern PUSH = Pattern.compile("^(/api/v1/feature-views/[^/]+/push|/push)/?$");

    private final long maxBytes;
    private final int maxRows;

    public StreamedPushBodies(BodyLimitConfig body, IngestConfig ingest) {
        this.maxBytes = body.maxSize().asLongValue();
        this.maxRows = ingest.maxRowsPerBatch();
    }

    @Override
    public boolean matches(HttpMethod method, String path) {
        return method == HttpMethod.POST && PUSH.matcher(path).matches();
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    /** The body as the parser should read it: no further than the byte limit (a chunked body has no length to check first). */
    public InputStream limit(InputStream body) {
        return new LimitedPushStream(body, maxBytes);
    }

    @Override
    public String describe() {
        return "for a push (read as a stream, at most " + maxRows + " rows; " + ByteSizes.describe(maxBytes) + ")";
    }
}
