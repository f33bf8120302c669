package io.mlops.infra.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The class path entry that gives the broker JVM {@link BrokerMain}: the jar or classes folder it
 * was loaded from, or, when the class comes from somewhere that is not a plain file (some
 * application class loaders), a copy of its class file under the broker's data dir.
 */
final class BrokerMainClasspath {

    private static final String CLASS_FILE = BrokerMain.class.getName().replace('.', '/') + ".class";

    private BrokerMainClasspath() {
    }

    static String entry(Path dataDir) {
        return codeSource().orElseGet(() -> extract(dataDir)).toString();
    }

    private static Optional<Path> codeSource() {
        CodeSource source = BrokerMain.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            boolean usable = Files.isRegularFile(location) || Files.isRegularFile(location.resolve(CLASS_FILE));
            return usable ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Path extract(Path dataDir) {
        Path root = dataDir.resolve("boot");
        Path target = root.resolve(CLASS_FILE);
        try (InputStream in = BrokerMain.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
            if (in == null) {
                throw new IllegalStateException("Class file " + CLASS_FILE + " not found by its own class loader");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + CLASS_FILE + " to " + target, e);
        }
    }
}
