package io.mlops.cli.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pid files under {@code $MLOPS_HOME/run/}: which components an earlier {@code up} left running. */
public final class PidFiles {

    private final LocalPlatformSettings settings;

    public PidFiles(LocalPlatformSettings settings) {
        this.settings = settings;
    }

    public PidFile of(String component) {
        return new PidFile(settings.pidFile(component));
    }

    /** The live processes, by component name, in start order. */
    public Map<String, ProcessHandle> live() {
        Map<String, ProcessHandle> live = new LinkedHashMap<>();
        for (String name : Components.names()) {
            of(name).liveProcess().ifPresent(p -> live.put(name, p));
        }
        return live;
    }

    /** Deletes pid files whose process has gone; returns the components they named. */
    public List<String> removeStale() throws IOException {
        List<String> removed = new ArrayList<>();
        for (String name : Components.names()) {
            PidFile file = of(name);
            if (file.isStale()) {
                file.delete();
                removed.add(name);
            }
        }
        return removed;
    }
}
