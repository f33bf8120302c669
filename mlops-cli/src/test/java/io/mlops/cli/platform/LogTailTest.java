package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LogTailTest {

    @TempDir
    Path dir;

    private Path log(String content) throws IOException {
        Path file = dir.resolve("service.log");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void returnsTheLastLinesOfAFileEndingInANewline() throws IOException {
        assertEquals(List.of("b", "c"), LogTail.lastLines(log("a\nb\nc\n"), 2));
    }

    @Test
    void returnsTheWholeFileWhenItIsShorter() throws IOException {
        assertEquals(List.of("a", "b", "c"), LogTail.lastLines(log("a\nb\nc"), 10));
    }

    @Test
    void handlesEmptyFilesEmptyLinesAndCarriageReturns() throws IOException {
        assertEquals(List.of(), LogTail.lastLines(log(""), 5));
        assertEquals(List.of(""), LogTail.lastLines(log("a\n\n"), 1));
        assertEquals(List.of("a", ""), LogTail.lastLines(log("a\n\n"), 5));
        assertEquals(List.of("x", "y"), LogTail.lastLines(log("x\r\ny\r\n"), 2));
        assertEquals(List.of(), LogTail.lastLines(log("a\n"), 0));
    }

    @Test
    void readsAcrossChunkBoundariesOfALargeFile() throws IOException {
        String content = IntStream.rangeClosed(1, 5_000)
                .mapToObj(i -> "line " + i + " " + "x".repeat(i % 37))
                .collect(Collectors.joining("\n", "", "\n"));
        List<String> tail = LogTail.lastLines(log(content), 3);

        assertEquals(List.of(
                "line 4998 " + "x".repeat(4998 % 37),
                "line 4999 " + "x".repeat(4999 % 37),
                "line 5000 " + "x".repeat(5000 % 37)), tail);
    }

    @Test
    void keepsMultiByteCharactersIntact() throws IOException {
        assertEquals(List.of("grüße", "日本"), LogTail.lastLines(log("a\ngrüße\n日本\n"), 2));
    }

    @Test
    void canStopAtAGivenOffset() throws IOException {
        Path file = log("a\nb\nc\n");
        assertEquals(List.of("a", "b"), LogTail.lastLines(file, 4, 5));
    }

    @Test
    void followPassesOnWholeLinesAppendedLater() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Path file = log("old\n");
            long start = Files.size(file);
            List<String> seen = new CopyOnWriteArrayList<>();
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    Files.writeString(file, "first\nsec", StandardOpenOption.APPEND);
                    Thread.sleep(100);
                    Files.writeString(file, "ond\n", StandardOpenOption.APPEND);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            LogTail.follow(file, start, seen::add, () -> seen.size() < 2, Duration.ofMillis(20));
            writer.join();

            assertEquals(List.of("first", "second"), seen);
        });
    }
}
