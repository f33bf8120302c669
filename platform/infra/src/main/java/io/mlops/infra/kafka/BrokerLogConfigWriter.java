package io.mlops.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the broker's log4j2 configuration. The broker logs to its standard output, which the
 * launcher appends to the log file: one writer per file, and JVM crash messages land there too.
 */
final class BrokerLogConfigWriter {

    static final String FILE_NAME = "log4j2.properties";

    private static final String CONFIG = """
            status = warn
            appender.out.type = Console
            appender.out.name = OUT
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = info
            rootLogger.appenderRef.out.ref = OUT
            logger.request.name = kafka.request.logger
            logger.request.level = warn
            logger.state.name = state.change.logger
            logger.state.level = warn
            """;

    private BrokerLogConfigWriter() {
    }

    static Path write(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.writeString(file, CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }
}
