package io.mlops.features.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How definitions (views, feature services) are cached in memory. */
@ConfigMapping(prefix = "mlops.features.definitions")
public interface DefinitionsConfig {

    /**
     * A cached definition read after this long is reloaded in the background, and one not reloaded
     * within twice this long is dropped. Changes made on this replica are seen at once; changes
     * made on another replica within about three times this interval (lookup plans built from a
     * definition are cached for this long as well).
     */
    @WithDefault("5s")
    Duration refreshInterval();
}
