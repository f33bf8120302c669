package io.mlops.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where the machine's CPU went during a run: cores used by each named process (user + system time
 * from {@code /proc/<pid>/stat}) and their sum. The machine-wide counters of {@code /proc/stat}
 * are not used: in the virtual machines this was measured on they lost ticks under load and
 * disagreed with the per-process counters. On a two-core machine that
 * runs the load generator, the services, Kafka and PostgreSQL at once, this is what says whether
 * a latency tail is the service's own doing or a saturated machine.
 */
public final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    /** Processes whose command line starts with this are counted together as {@code postgres}. */
    private static final String POSTGRES = "postgres";

    private final Supplier<Map<String, Long>> pids;

    /** @param pids read at every snapshot, so a restarted process is followed under its new pid */
    public CpuMeter(Supplier<Map<String, Long>> pids) {
        this.pids = pids;
    }

    public Snapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.get().forEach((name, pid) -> ticks.put(name, processTicks(pid)));
        return new Snapshot(System.nanoTime(), ticks, postgresTicks());
    }

    /** Busy cores between two snapshots, overall and by process. */
    public static Usage between(Snapshot a, Snapshot b) {
        double seconds = (b.nanos - a.nanos) / 1e9;
        double cores = Runtime.getRuntime().availableProcessors();
        Map<String, Double> byProcess = new LinkedHashMap<>();
        a.ticks.forEach((name, before) -> {
            Long after = b.ticks.get(name);
            // A process that restarted in between has fewer ticks than before: it started at zero.
            if (before >= 0 && after != null && after >= 0) {
                if (after < before) {
                    before = 0L;
                }
                byProcess.put(name, (after - before) / TICKS_PER_SECOND / seconds);
            }
        });
        if (a.postgres != null && b.postgres != null) {
            // The server forks a process per connection, and pooled connections come and go: add up
            // each process' own progress, so one that exits in between does not take its past with it.
            long ticks = 0;
            for (Map.Entry<Long, Long> p : b.postgres.entrySet()) {
                ticks += Math.max(0, p.getValue() - a.postgres.getOrDefault(p.getKey(), 0L));
            }
            byProcess.put(POSTGRES, ticks / TICKS_PER_SECOND / seconds);
        }
        return new Usage(byProcess.values().stream().mapToDouble(Double::doubleValue).sum(), cores, byProcess);
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** Ticks of every PostgreSQL server process by pid, or null when {@code /proc} cannot be listed. */
    private static Map<Long, Long> postgresTicks() {
        Map<Long, Long> byPid = new HashMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    byte[] cmd = Files.readAllBytes(p.resolve("cmdline"));
                    if (new String(cmd, 0, Math.min(cmd.length, POSTGRES.length())).equals(POSTGRES)) {
                        long pid = Long.parseLong(name);
                        long t = processTicks(pid);
                        if (t >= 0) {
                            byPid.put(pid, t);
                        }
                    }
                } catch (IOException gone) {
                    // exited while listing
                }
            }
        } catch (IOException unreadable) {
            return null;
        }
        return byPid;
    }

    /** @param postgres ticks of each PostgreSQL process by pid ({@code null}: unknown) */
    public record Snapshot(long nanos, Map<String, Long> ticks, Map<Long, Long> postgres) {
    }

    /**
     * @param busyCores cores used by the named processes together
     * @param byProcess cores used by each named process
     */
    public record Usage(double busyCores, double cores, Map<String, Double> byProcess) {

        public String describe() {
            return String.format(Locale.ROOT, "%.2f of %.0f cores (%s)", busyCores, cores,
                    byProcess.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                            .filter(e -> e.getValue() >= 0.01)
                            .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", ")));
        }
    }
}
