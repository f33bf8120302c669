package io.mlops.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where test infrastructure keeps its files. Data goes to temporary directories deleted at the
 * end; logs go to {@code target/mlops-infra/} of the module under test when there is one, so they
 * are still there to read after a failed build.
 */
final class TestLocations {

    private TestLocations() {
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory", e);
        }
    }

    static Path logFile(String name) {
        Path target = Path.of("target");
        Path dir = Files.isDirectory(target) ? target.resolve("mlops-infra") : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        return dir.resolve(name + "-" + ProcessHandle.current().pid() + ".log").toAbsolutePath();
    }
}
