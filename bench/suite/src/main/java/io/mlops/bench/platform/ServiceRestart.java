package io.mlops.bench.platform;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.platform.LocalPlatformSettings;
import io.mlops.cli.platform.PidFile;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stops one service of the local platform and starts it again through {@code mlops up}: the only
 * way to let a backlog build up in front of a consumer that is otherwise always reading.
 */
public final class ServiceRestart {

    private final LocalPlatformSettings settings;

    public ServiceRestart(LocalPlatformSettings settings) {
        this.settings = settings;
    }

    public void stop(String service) throws InterruptedException {
        ProcessHandle process = new PidFile(settings.pidFile(service)).liveProcess()
                .orElseThrow(() -> new IllegalStateException(service + " is not running under mlops up"));
        process.destroy();
        try {
            process.onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
        }
    }

    public void start() {
        int exit = MlopsCommand.commandLine(new MlopsCommand()).execute("up");
        if (exit != 0) {
            throw new IllegalStateException("mlops up exited with " + exit);
        }
    }
}
