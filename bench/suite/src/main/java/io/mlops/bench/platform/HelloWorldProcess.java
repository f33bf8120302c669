package io.mlops.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The floor every HTTP figure is read against: a Quarkus app with one REST endpoint, started with
 * the same JVM options as the platform's services so the difference is the services' own work.
 */
public final class HelloWorldProcess implements AutoCloseable {

    public static final int PORT = 8089;

    private final Process process;

    private HelloWorldProcess(Process process) {
        this.process = process;
    }

    public static HelloWorldProcess start(Path root, String heap) throws IOException, InterruptedException {
        Path jar = root.resolve("bench/hello-world/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build with mvn -DskipTests package");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-Dquarkus.http.port=" + PORT,
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(System.getProperty("java.io.tmpdir"),
                        "mlops-bench-hello-world.log").toFile()))
                .start();
        HelloWorldProcess hello = new HelloWorldProcess(process);
        // An interrupted benchmark must not leave the floor's JVM behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        hello.awaitReady(Duration.ofSeconds(60));
        return hello;
    }

    public long pid() {
        return process.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + PORT;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hello-world exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("hello-world not ready after " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
