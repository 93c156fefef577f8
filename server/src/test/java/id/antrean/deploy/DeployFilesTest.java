package id.antrean.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deploy/ folder as CI checks it: systemd units verify without a single warning, the HAProxy
 * configuration parses and keeps one writer, the Kubernetes manifests render and match the API
 * schemas (unknown fields fail), and the container files keep their promises. Every tool is run
 * for real; a missing one fails the test (.ci/run installs them), it never skips.
 */
class DeployFilesTest {

    static final Path ROOT = repositoryRoot();
    static final Path DEPLOY = ROOT.resolve("deploy");

    final List<Process> started = new CopyOnWriteArrayList<>();
    final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    // --- systemd -----------------------------------------------------------------------------

    @Test
    void systemdUnitsVerifyWithoutAnyOutput() throws Exception {
        Result r = run(DEPLOY, Map.of(), "systemd-analyze", "verify",
                DEPLOY.resolve("systemd/antrean.service").toString(),
                DEPLOY.resolve("systemd/antrean-migrate.service").toString(),
                DEPLOY.resolve("haproxy/galera-clustercheck.socket").toString(),
                DEPLOY.resolve("haproxy/galera-clustercheck@.service").toString());
        assertThat(r.output()).as("systemd-analyze verify prints nothing for sound units").isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void systemdVerifyCatchesAMisspeltKey() throws Exception {
        // systemd-analyze exits 0 on unknown keys, so "any output fails" is what makes the check real.
        Path unit = tmp.resolve("antrean.service");
        Files.writeString(unit, Files.readString(DEPLOY.resolve("systemd/antrean.service"))
                .replace("ProtectSystem=strict", "ProtectSytem=strict"));
        Result r = run(tmp, Map.of(), "systemd-analyze", "verify", unit.toString());
        assertThat(r.output()).contains("ProtectSytem");
    }

    @Test
    void serviceIsSandboxedAndMigrationsRunOnceBeforeIt() throws Exception {
        String unit = Files.readString(DEPLOY.resolve("systemd/antrean.service"));
        assertThat(unit).contains("DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes",
                "PrivateTmp=yes", "ProtectHome=yes", "CapabilityBoundingSet=\n", "RestrictAddressFamilies=",
                "SystemCallFilter=@system-service", "StateDirectory=antrean", "SuccessExitStatus=143",
                "Restart=on-failure", "TimeoutStopSec=", "After=network-online.target mariadb.service antrean-migrate.service");
        String migrate = Files.readString(DEPLOY.resolve("systemd/antrean-migrate.service"));
        assertThat(migrate).contains("Type=oneshot", "antrean-server.jar migrate", "Before=antrean.service",
                "RequiredBy=antrean.service", "DynamicUser=yes", "ProtectSystem=strict");
        String env = Files.readString(DEPLOY.resolve("systemd/antrean.env.example"));
        assertThat(env).contains("DB_CONNECTION_URL=", "DB_MIGRATE=false", "ANTREAN_NIK_SECRET=",
                "ANTREAN_ADMIN_PASSWORD=", "ANTREAN_SESSION_SECURE=true", "SERVER_PORT=");
    }

    // --- HAProxy -----------------------------------------------------------------------------

    @Test
    void haproxyConfigurationIsValidWithoutWarnings() throws Exception {
        Result r = run(DEPLOY, Map.of("GALERA_N1", "127.0.0.1:3311", "GALERA_N2", "127.0.0.1:3312",
                "GALERA_N3", "127.0.0.1:3313"), "haproxy", "-c", "-f", DEPLOY.resolve("haproxy/haproxy.cfg").toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Configuration file is valid").doesNotContain("WARNING", "ALERT");
    }

    /**
     * Three stand-in nodes (a TCP port that names the node, and a health check whose answer the
     * test sets) behind the real HAProxy with deploy/haproxy/haproxy.cfg.
     */
    @Test
    void haproxyKeepsOneWriterAndFailsBackOnlyWhenTold() throws Exception {
        List<FakeNode> nodes = List.of(new FakeNode("n1"), new FakeNode("n2"), new FakeNode("n3"));
        closeables.addAll(nodes);
        int bind = freePort();
        int admin = freePort();
        int stats = freePort();
        ProcessBuilder pb = new ProcessBuilder("haproxy", "-db", "-f", DEPLOY.resolve("haproxy/haproxy.cfg").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("haproxy.log").toFile());
        Map<String, String> env = pb.environment();
        for (int i = 0; i < 3; i++) {
            env.put("GALERA_N" + (i + 1), "127.0.0.1:" + nodes.get(i).db.getLocalPort());
            env.put("GALERA_N" + (i + 1) + "_CHECK", String.valueOf(nodes.get(i).check.getLocalPort()));
        }
        env.put("HAPROXY_BIND", "127.0.0.1:" + bind);
        env.put("HAPROXY_ADMIN", "127.0.0.1:" + admin);
        env.put("HAPROXY_STATS", "127.0.0.1:" + stats);
        started.add(start(pb, "haproxy"));

        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> "n1".equals(writer(bind)));
        assertThat(List.of(writer(bind), writer(bind), writer(bind))).containsOnly("n1");

        // A long-lived pooled connection on n1 ...
        Socket held = new Socket("127.0.0.1", bind);
        closeables.add(held);
        held.setSoTimeout(20_000);
        assertThat(readLine(held)).isEqualTo("n1");

        // ... is cut when n1 fails its check, and every new connection goes to n2 alone.
        nodes.get(0).healthy.set(false);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "n2".equals(writer(bind)));
        assertThat(held.getInputStream().read()).as("the session on the failed node is closed").isEqualTo(-1);
        assertThat(List.of(writer(bind), writer(bind), writer(bind))).containsOnly("n2");

        // n1 comes back: nothing moves by itself, so old and new connections stay on one writer.
        nodes.get(0).healthy.set(true);
        Thread.sleep(6_000); // > rise 3 x inter 1 s: n1 is UP again by now
        assertThat(adminCommand(admin, "show servers state galera_writer")).contains("n1");
        assertThat(List.of(writer(bind), writer(bind), writer(bind))).containsOnly("n2");

        // The fail-back of deploy/README.md: drain n2, cut its sessions, make it ready again.
        adminCommand(admin, "set server galera_writer/n2 state maint");
        adminCommand(admin, "clear table galera_writer");
        adminCommand(admin, "shutdown sessions server galera_writer/n2");
        adminCommand(admin, "set server galera_writer/n2 state ready");
        assertThat(List.of(writer(bind), writer(bind), writer(bind))).containsOnly("n1");
    }

    @Test
    void clustercheckAnswers503WhenTheNodeDoesNotAnswer() throws Exception {
        Path script = DEPLOY.resolve("haproxy/galera-clustercheck");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString())
                .redirectErrorStream(true);
        pb.environment().put("CLUSTERCHECK_CLIENT_OPTS", "--no-defaults --protocol=tcp --host=127.0.0.1 --port=" + freePort());
        Process p = start(pb, "bash");
        try (OutputStream in = p.getOutputStream()) {
            in.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).startsWith("HTTP/1.1 503 ").contains("wsrep_local_state=?");
    }

    // --- Kubernetes --------------------------------------------------------------------------

    @Test
    void kubernetesManifestsRenderAndMatchTheApiSchemas() throws Exception {
        Path dir = kubernetesValidator();
        Result r = run(dir, Map.of(), "node", "validate.mjs");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("from 2 kustomization(s): valid");

        String rendered = run(dir, Map.of(), "kubectl", "kustomize", "base").output();
        assertThat(rendered).contains("kind: Deployment", "kind: Service", "kind: ConfigMap", "kind: Secret",
                "kind: PodDisruptionBudget", "kind: Job", "path: /observe/health", "terminationGracePeriodSeconds:",
                "preStop:", "- migrate", "DB_MIGRATE: \"false\"");
    }

    @Test
    void kubernetesValidatorRejectsUnknownFieldsAndWrongTypes() throws Exception {
        String deployment = Files.readString(DEPLOY.resolve("kubernetes/base/deployment.yaml"));
        Path unknown = tmp.resolve("unknown");
        Files.createDirectories(unknown);
        Files.writeString(unknown.resolve("deployment.yaml"), deployment.replace("readinessProbe:", "readinessProbes:"));
        Files.writeString(unknown.resolve("kustomization.yaml"), "resources:\n  - deployment.yaml\n");
        Path wrongType = tmp.resolve("wrong-type");
        Files.createDirectories(wrongType);
        Files.writeString(wrongType.resolve("deployment.yaml"), deployment.replace("replicas: 2", "replicas: two"));
        Files.writeString(wrongType.resolve("kustomization.yaml"), "resources:\n  - deployment.yaml\n");

        // One run for both (the type check is the slow part); each problem line names its kustomization.
        Result r = run(kubernetesValidator(), Map.of(), "node", "validate.mjs", unknown.toString(), wrongType.toString());
        assertThat(r.exit()).isEqualTo(1);
        List<String> lines = r.output().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(unknown.toString()).contains("readinessProbes"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(wrongType.toString()).contains("replicas"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith(unknown.toString()).contains("replicas"));
    }

    // --- Containers --------------------------------------------------------------------------

    @Test
    void dockerfileRunsAsNonRootOnTheTemurinJreWithAnHttp11HealthCheck() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("container/Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^ARG JRE_IMAGE=eclipse-temurin:(21|25)-jre$")
                .containsPattern("(?m)^FROM \\$\\{JRE_IMAGE}$")
                .containsPattern("(?m)^USER [1-9][0-9]*:[1-9][0-9]*$")
                .contains("HEALTHCHECK", "GET /observe/health HTTP/1.1", "antrean-server.jar", "libs/");
        String healthcheck = dockerfile.substring(dockerfile.indexOf("HEALTHCHECK"));
        assertThat(healthcheck.substring(0, healthcheck.indexOf("\n\n"))).doesNotContain("HTTP/1.0", "wget");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeHasThreeGaleraNodesASingleWriterProxyAMigrateStepAndTwoServers() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("container/compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("n1", "n2", "n3", "haproxy", "migrate", "antrean1", "antrean2");
        for (String node : List.of("n1", "n2", "n3")) {
            Map<String, Object> s = services.get(node);
            assertThat(s.get("image").toString()).contains("mariadb");
            assertThat(s.get("entrypoint").toString()).contains("galera-node");
            assertThat(((Map<String, Object>) s.get("environment")).get("GALERA_CLUSTER_ADDRESS").toString()).contains("gcomm://");
            assertThat(s).containsKey("healthcheck");
        }
        long bootstraps = services.values().stream()
                .filter(s -> s.get("environment") instanceof Map<?, ?> e && "1".equals(String.valueOf(e.get("GALERA_BOOTSTRAP"))))
                .count();
        assertThat(bootstraps).as("exactly one node starts the cluster").isEqualTo(1);
        assertThat(services.get("haproxy").get("volumes").toString()).contains("haproxy/haproxy.cfg");
        assertThat(services.get("migrate").get("command")).isEqualTo(List.of("migrate"));
        for (String server : List.of("antrean1", "antrean2")) {
            Map<String, Object> s = services.get(server);
            Map<String, Object> dependsOn = (Map<String, Object>) s.get("depends_on");
            assertThat(((Map<String, Object>) dependsOn.get("migrate")).get("condition")).isEqualTo("service_completed_successfully");
            Map<String, Object> env = (Map<String, Object>) s.get("environment");
            assertThat(env.get("DB_MIGRATE")).isEqualTo("false");
            assertThat(env.get("DB_CONNECTION_URL").toString()).contains("haproxy:3306");
        }
        // The override for engines without bridge networking puts every service on the host's network.
        Map<String, Object> host = new Yaml().load(Files.readString(DEPLOY.resolve("container/compose.host.yaml")));
        assertThat(((Map<String, Map<String, Object>>) host.get("services")).values())
                .allSatisfy(s -> assertThat(s.get("network_mode")).isEqualTo("host"))
                .hasSize(services.size());
    }

    @Test
    void shellScriptsParse() throws Exception {
        for (String script : List.of("container/test.sh", "container/galera-node.sh", "container/local-base.sh",
                "haproxy/galera-clustercheck")) {
            Path p = DEPLOY.resolve(script);
            assertThat(Files.isExecutable(p)).as(script + " is executable").isTrue();
            Result r = run(DEPLOY, Map.of(), "bash", "-n", p.toString());
            assertThat(r.exit()).as(script + ": " + r.output()).isZero();
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    record Result(int exit, String output) {
    }

    /**
     * deploy/kubernetes with its validator's packages: a fresh clone has none, so the first test
     * that needs them runs {@code npm ci} (the versions pinned by package-lock.json).
     */
    static synchronized Path kubernetesValidator() throws Exception {
        Path dir = DEPLOY.resolve("kubernetes");
        if (!Files.isDirectory(dir.resolve("node_modules/kubernetes-models"))) {
            Result npm = run(dir, Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
            assertThat(npm.exit()).as("npm ci in deploy/kubernetes: " + npm.output()).isZero();
        }
        return dir;
    }

    static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = start(pb, command[0]);
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    }

    static Process start(ProcessBuilder pb, String tool) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new AssertionError(tool + " is not installed (.ci/run installs it): " + e.getMessage(), e);
        }
    }

    static String writer(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            s.setSoTimeout(2_000);
            return readLine(s);
        }
    }

    static String readLine(Socket s) throws IOException {
        StringBuilder b = new StringBuilder();
        InputStream in = s.getInputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            b.append((char) c);
        }
        return b.toString();
    }

    static String adminCommand(int port, String command) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("server"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found from " + Path.of("").toAbsolutePath());
    }

    /** A stand-in Galera node: its "database" port names it; its check port answers 200 or 503. */
    static final class FakeNode implements AutoCloseable {
        final String name;
        final ServerSocket db;
        final ServerSocket check;
        final AtomicBoolean healthy = new AtomicBoolean(true);
        final List<Socket> sessions = new CopyOnWriteArrayList<>();

        FakeNode(String name) throws IOException {
            this.name = name;
            this.db = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.check = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> accept(db, s -> {
                sessions.add(s);
                s.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }));
            Thread.ofVirtual().start(() -> accept(check, s -> {
                try (s) {
                    s.setSoTimeout(2_000);
                    byte[] buf = new byte[2048];
                    s.getInputStream().read(buf);
                    String status = healthy.get() ? "200 OK" : "503 Service Unavailable";
                    s.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }));
        }

        interface Handler {
            void handle(Socket s) throws IOException;
        }

        static void accept(ServerSocket server, Handler handler) {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try {
                            handler.handle(s);
                        } catch (IOException ignored) {
                            // the proxy hung up
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            db.close();
            check.close();
            for (Socket s : sessions) {
                s.close();
            }
        }
    }
}
