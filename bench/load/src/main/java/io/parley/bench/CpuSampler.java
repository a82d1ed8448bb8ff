package io.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of named processes and of the whole machine, from {@code /proc} (Linux), so a phase can report how many
 * cores each part of the stack used and how much went to everything else on the machine.
 */
final class CpuSampler {

    /** Clock ticks per second of {@code /proc} times; 100 on every common Linux build. */
    private static final double TICKS_PER_SECOND = clockTicks();

    /** Name → root pid; a group whose name is in {@code withDescendants} also counts the root's descendants. */
    private final Map<String, Long> groups;
    private final java.util.Set<String> withDescendants;

    CpuSampler(Map<String, Long> groups, java.util.Set<String> withDescendants) {
        this.groups = new LinkedHashMap<>(groups);
        this.withDescendants = withDescendants;
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    /** CPU ticks per pid per group, and the machine's busy and total ticks. */
    record Snapshot(long nanos, Map<String, Map<Long, Long>> ticks, long machineBusy, long machineTotal) {
    }

    Snapshot snapshot() {
        Map<String, Map<Long, Long>> ticks = new LinkedHashMap<>();
        groups.forEach((name, pid) -> {
            Map<Long, Long> perPid = new HashMap<>();
            Stream<ProcessHandle> processes = ProcessHandle.of(pid).stream();
            if (withDescendants.contains(name)) {
                processes = Stream.concat(processes, ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants));
            }
            processes.forEach(p -> {
                long t = processTicks(p.pid());
                if (t >= 0) {
                    perPid.put(p.pid(), t);
                }
            });
            ticks.put(name, perPid);
        });
        long[] machine = machineTicks();
        return new Snapshot(System.nanoTime(), ticks, machine[0], machine[1]);
    }

    /**
     * Cores used per group between two snapshots (1.0 = one core fully busy), plus {@code machine} (all processes)
     * and {@code other} (machine minus the groups: other people's work on a shared machine).
     */
    Map<String, Double> coresUsed(Snapshot from, Snapshot to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        double sum = 0;
        for (String name : groups.keySet()) {
            Map<Long, Long> before = from.ticks().getOrDefault(name, Map.of());
            long delta = 0;
            for (Map.Entry<Long, Long> entry : to.ticks().getOrDefault(name, Map.of()).entrySet()) {
                delta += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            }
            double used = delta / TICKS_PER_SECOND / seconds;
            cores.put(name, used);
            sum += used;
        }
        if (to.machineTotal() > from.machineTotal()) {
            int cpus = Runtime.getRuntime().availableProcessors();
            double share = (double) (to.machineBusy() - from.machineBusy()) / (to.machineTotal() - from.machineTotal());
            double machine = share * cpus;
            cores.put("machine", machine);
            cores.put("other", Math.max(0, machine - sum));
        }
        return cores;
    }

    /** utime + stime of a process (all its threads), or -1 when it is gone. */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Field 2 (the command) may hold spaces and parentheses: count fields after its closing ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {busy, total} ticks of all CPUs from the first line of /proc/stat (idle and iowait count as not busy). */
    private static long[] machineTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
