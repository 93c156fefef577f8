package id.antrean.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Antrean server process started from the packaged jar, and what /proc says about a process. */
final class BenchNode implements AutoCloseable {
    private static final Pattern EMBEDDED = Pattern.compile("embedded MariaDB at 127\\.0\\.0\\.1:(\\d+)/(\\w+)");

    final String name;
    final int port;
    final Process process;
    final Path log;
    final long startToReadyMs;

    private BenchNode(String name, int port, Process process, Path log, long startToReadyMs) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.startToReadyMs = startToReadyMs;
    }

    long pid() {
        return process.pid();
    }

    /** JVM options of every server process; ANTREAN_BENCH_SERVER_OPTS overrides them. */
    static final String SERVER_OPTS = System.getenv().getOrDefault("ANTREAN_BENCH_SERVER_OPTS", "-Xmx512m");

    static BenchNode start(String name, Path jar, Path benchDir, Map<String, String> env, String jfr) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As in production (README): a bounded heap, so memory figures show live data, not uncollected garbage.
        for (String option : SERVER_OPTS.split("\\s+")) {
            if (!option.isBlank()) {
                cmd.add(option);
            }
        }
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + benchDir.resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        pb.environment().put("SERVER_HOST", "127.0.0.1");
        pb.environment().put("ANTREAN_BENCH_ENABLED", "true");
        Path log = benchDir.resolve(name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + "; see " + log + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return new BenchNode(name, port, p, log, (System.nanoTime() - t0) / 1_000_000);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException(name + " not ready within 90 s; see " + log + ":\n" + tail(log));
    }

    /** host:port/database of the embedded MariaDB this node started, from its log. */
    String embeddedDb() throws IOException {
        Matcher m = EMBEDDED.matcher(Files.readString(log));
        if (!m.find()) {
            throw new IllegalStateException("no embedded database line in " + log);
        }
        return "127.0.0.1:" + m.group(1) + "/" + m.group(2);
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: graceful stop, the JFR recording is dumped
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ---- /proc ----

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux), or -1. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state); utime is field 14, stime field 15
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A server's memory at a steady state: resident set and live heap, both right after a full GC. */
    record Memory(long rssKb, long heapUsedKb) {
    }

    /**
     * Asks the server JVM for a full GC (jcmd GC.run, as an operator would), waits for the heap to
     * settle, then reads RSS and the heap in use (jcmd GC.heap_info). Nothing in the server is
     * special-cased: jcmd talks to any HotSpot JVM of the same user.
     */
    static Memory memoryAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Thread.sleep(1000);
        jcmd(pid, "GC.run");
        Thread.sleep(500);
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        long heap = used.find() ? Long.parseLong(used.group(1)) : -1;
        return new Memory(rssKb(pid), heap);
    }

    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    /** VmRSS of a process in KB, or -1. */
    static long rssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** The mariadbd process serving the benchmark: embedded (data dir under benchDir) or the machine's. */
    static long mariadbPid(Path benchDir, boolean embedded) {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String comm = Files.readString(p.resolve("comm")).trim();
                    if (!comm.equals("mariadbd") && !comm.equals("mysqld")) {
                        continue;
                    }
                    String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    boolean ours = cmdline.contains(benchDir.toAbsolutePath().toString()) || cmdline.contains("target/bench");
                    if (ours == embedded) {
                        return Long.parseLong(n);
                    }
                } catch (IOException | RuntimeException e) {
                    // raced with an exit
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
