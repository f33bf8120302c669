package io.mlops.features.view.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlops.features.config.DefinitionsConfig;
import io.mlops.features.view.repository.FeatureViewRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How stale a definition changed on another replica can be here: the catalog's cache in front of
 * a repository whose answer the test changes behind its back.
 */
class ViewCatalogTest {

    /** The view as the database holds it; another replica's change is a new value here. */
    private static final class ChangingRepository extends FeatureViewRepository {
        volatile int latestVersion = 1;

        ChangingRepository() {
            super(null);
        }

        @Override
        public Optional<ViewHistory> find(String name) {
            try {
                Thread.sleep(50); // a query's round trip: a background refresh is not done at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(new ViewHistory(name, latestVersion, Map.of(), Instant.EPOCH, Instant.EPOCH));
        }
    }

    @Test
    void aViewNobodyReadForLongerThanTwiceTheRefreshIntervalIsReadAfreshNotAnsweredStale() throws Exception {
        ChangingRepository repository = new ChangingRepository();
        DefinitionsConfig config = () -> Duration.ofMillis(100);
        ViewCatalog catalog = new ViewCatalog(repository, config);
        assertEquals(1, catalog.find("customers").latestVersion());

        repository.latestVersion = 2; // applied on another replica
        Thread.sleep(300);
        assertEquals(2, catalog.find("customers").latestVersion(),
                "the first read after an idle spell must not get the definition from before it");
    }
}
