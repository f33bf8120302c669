package io.mlops.registry.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mlops.registry.config.RegistryConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads into a model's directory while the model's other artifacts are deleted, which removes the directory when it empties. */
class FilesystemArtifactStoreTest {

    @TempDir
    Path root;

    @Test
    void anUploadSurvivesItsDirectoryBeingRemovedByADeleteOfTheLastOtherArtifact() throws Exception {
        FilesystemArtifactStore store = new FilesystemArtifactStore(config(root));
        byte[] content = "onnx bytes".getBytes();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (String writer : List.of("a", "b")) {
                Callable<Integer> loop = () -> {
                    for (int i = 0; i < 3_000; i++) {
                        String key = "credit-risk/" + writer + "-" + i + ".onnx";
                        StoredArtifact stored = store.put(key, new ByteArrayInputStream(content), 1024);
                        assertEquals(content.length, stored.sizeBytes());
                        try (InputStream in = store.open(key)) {
                            assertArrayEquals(content, in.readAllBytes());
                        }
                        store.delete(key);
                    }
                    return 3_000;
                };
                writers.add(pool.submit(loop));
            }
            for (Future<Integer> w : writers) {
                assertEquals(3_000, w.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(Files.exists(root.resolve("credit-risk")), "the last delete removes the emptied directory");
    }

    private static RegistryConfig config(Path dir) {
        RegistryConfig.Artifacts artifacts = new RegistryConfig.Artifacts() {
            @Override
            public Path dir() {
                return dir;
            }

            @Override
            public String maxSize() {
                return "1M";
            }

            @Override
            public Duration orphanGrace() {
                return Duration.ofHours(1);
            }

            @Override
            public Duration orphanSweepInterval() {
                return Duration.ZERO;
            }
        };
        return (RegistryConfig) java.lang.reflect.Proxy.newProxyInstance(RegistryConfig.class.getClassLoader(),
                new Class<?>[] {RegistryConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("artifacts")) {
                        return artifacts;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
