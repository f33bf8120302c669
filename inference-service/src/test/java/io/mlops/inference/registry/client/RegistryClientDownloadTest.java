package io.mlops.inference.registry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.inference.config.ModelsConfig;
import io.mlops.inference.config.RegistryClientConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifact downloads against a raw socket registry that answers fully, or stalls after a few bytes. */
class RegistryClientDownloadTest {

    private static final byte[] ARTIFACT = "an onnx model, as far as this test cares".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void downloadsAndHashesTheArtifact() throws Exception {
        RegistryClient client = client(registry(ARTIFACT.length), Duration.ofSeconds(5));

        Optional<String> sha = client.downloadArtifact("churn", 1, dir.resolve("m.onnx"));

        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ARTIFACT)), sha.orElseThrow());
        assertArrayEquals(ARTIFACT, Files.readAllBytes(dir.resolve("m.onnx")));
    }

    @Test
    void aRegistryThatStallsMidwayFailsTheDownloadAfterTheReadTimeout() throws Exception {
        RegistryClient client = client(registry(10), Duration.ofMillis(500));

        long start = System.nanoTime();
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
                () -> client.downloadArtifact("churn", 1, dir.resolve("m.onnx")));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(e.getMessage().contains("stalled"), e.getMessage());
        assertTrue(tookMillis < 10_000, "gave up after " + tookMillis + " ms");
    }

    /** Answers one request with headers for the whole artifact but only {@code sent} bytes of it, then waits. */
    private URI registry(int sent) throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    // request line and headers
                }
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                        + ARTIFACT.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(ARTIFACT, 0, sent);
                out.flush();
                release.await(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }, "stalling-registry");
        thread.setDaemon(true);
        thread.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private static RegistryClient client(URI url, Duration readTimeout) {
        RegistryClientConfig registry = config(RegistryClientConfig.class, "url", url);
        ModelsConfig models = (ModelsConfig) Proxy.newProxyInstance(ModelsConfig.class.getClassLoader(),
                new Class<?>[] {ModelsConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "registryTimeout" -> readTimeout;
                    case "registryConnectTimeout" -> Duration.ofSeconds(2);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new RegistryClient(registry, models);
    }

    private static <T> T config(Class<T> type, String name, Object value) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().equals(name)) {
                        return value;
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
    }
}
