package id.antrean.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.TestServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** Antrean servers on the Galera test cluster: their config, started together, their health. */
final class ClusterServers {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ClusterServers() {
    }

    /** Config keys for a server on the given JDBC URL, with more keys on top. */
    static Map<String, String> config(String url, Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>();
        keys.put("db.connection.url", url);
        keys.put("db.connection.username", "root");
        keys.put("db.connection.password", "");
        keys.put("antrean.admin.password", Api.ADMIN_PASSWORD);
        keys.putAll(extra);
        return keys;
    }

    /** The same config as a Config tree, as Main reads it (for the migrate command). */
    static Config asConfig(Map<String, String> keys) {
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(keys))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }

    /** Starts one server per config, all released at the same moment; each a server or its failure. */
    static List<Future<Antrean>> startAtOnce(List<Map<String, String>> configs, Clock clock) {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Antrean>> started = new ArrayList<>();
        for (Map<String, String> c : configs) {
            Callable<Antrean> start = () -> {
                go.await();
                return TestServer.start(c, clock);
            };
            started.add(pool.submit(start));
        }
        go.countDown();
        pool.shutdown();
        return started;
    }

    /** GET /observe/health: status and body, or -1 when it did not answer within the timeout. */
    static HttpResponse<String> health(Antrean node, Duration timeout) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/observe/health"))
                .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Health until its body contains the text (a fresh Galera reading may take a moment), or the last answer. */
    static HttpResponse<String> healthShowing(Antrean node, String text, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> h = health(node, Duration.ofSeconds(5));
        while (!h.body().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            h = health(node, Duration.ofSeconds(5));
        }
        return h;
    }

    static void closeAll(List<Antrean> nodes) {
        for (Antrean n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                // Closing the others matters more.
            }
        }
    }
}
