package io.mlops.registry.config;

import io.mlops.common.config.ByteSizes;
import jakarta.enterprise.context.ApplicationScoped;

/** The configured limits with sizes already parsed, so hot paths do not re-read strings. */
@ApplicationScoped
public class Limits {

    private final RegistryConfig.Limits limits;
    private final long maxArtifactBytes;
    private final long maxJsonBodyBytes;
    private final long maxMetadataBytes;
    private final RegistryConfig.Paging paging;

    public Limits(RegistryConfig config) {
        this.limits = config.limits();
        this.paging = config.paging();
        this.maxArtifactBytes = ByteSizes.parse(config.artifacts().maxSize());
        this.maxJsonBodyBytes = ByteSizes.parse(limits.maxJsonBody());
        this.maxMetadataBytes = ByteSizes.parse(limits.maxMetadata());
    }

    public long maxArtifactBytes() {
        return maxArtifactBytes;
    }

    public long maxJsonBodyBytes() {
        return maxJsonBodyBytes;
    }

    public long maxMetadataBytes() {
        return maxMetadataBytes;
    }

    /** The largest upload request: artifact, metadata, and room for multipart framing. */
    public long maxUploadBodyBytes() {
        return maxArtifactBytes + maxMetadataBytes + 64 * 1024;
    }

    public RegistryConfig.Limits fields() {
        return limits;
    }

    public RegistryConfig.Paging paging() {
        return paging;
    }
}
