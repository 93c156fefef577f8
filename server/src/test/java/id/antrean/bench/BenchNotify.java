package id.antrean.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Scenario "notify" (issue 11): the office with WhatsApp notifications on, the Cloud API stood in
 * for by WireMock in this JVM answering every message after 50 ms. Three figures:
 * <ul>
 *   <li>the cost of the outbox write on issuing: scenario 1's closed loop with notifications off,
 *       then on with every resident giving a number and consent, as a ratio of tickets/s;</li>
 *   <li>dispatch throughput while the backlog that phase left drains, against the provider's
 *       80 messages/s per number (the highest 1-second count must not exceed it);</li>
 *   <li>call to provider request: staff call residents who gave a number, and the time from the
 *       call-next request to the "called" message arriving at the stand-in.</li>
 * </ul>
 * The node's per-recipient spacing is 1 s here (default 6 s): calls come every half second, so a
 * resident's "turn near" message 1.5 s before their call would otherwise hold the "called" one.
 */
final class BenchNotify implements AutoCloseable {
    static final String PHONE_NUMBER_ID = "1234567890";
    static final int LIMIT_PER_SECOND = 80;
    static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"(\\d+)\"");
    static final Pattern TEMPLATE = Pattern.compile("\"template\"\\s*:\\s*\\{\\s*\"name\"\\s*:\\s*\"([a-z_]+)\"");

    private final WireMockServer provider;
    /** Arrival (nanoTime) of every message request, and of each recipient's first "called" message. */
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> calledArrival = new ConcurrentHashMap<>();
    private final AtomicLong phones = new AtomicLong();

    private BenchNotify() {
        ServeEventListener clock = new ServeEventListener() {
            @Override
            public void beforeMatch(ServeEvent event, Parameters parameters) {
                long now = System.nanoTime();
                String body = event.getRequest().getBodyAsString();
                arrivals.add(now);
                if ("antrean_called".equals(Bench.group(TEMPLATE, body))) {
                    calledArrival.putIfAbsent(Bench.group(TO, body), now);
                }
            }

            @Override
            public String getName() {
                return "arrival-clock";
            }
        };
        provider = new WireMockServer(options().dynamicPort().containerThreads(64).extensions(clock)
                .disableRequestJournal());
        provider.start();
        provider.stubFor(post(urlPathMatching("/v[^/]+/" + PHONE_NUMBER_ID + "/messages")).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"6281","wa_id":"6281"}],
                "messages":[{"id":"wamid.bench"}]}""").withFixedDelay(50)));
    }

    /** Starts the stand-in and points the nodes at it (before they start). */
    static BenchNotify start(Map<String, String> nodeEnv) {
        BenchNotify n = new BenchNotify();
        nodeEnv.put("ANTREAN_WHATSAPP_BASE_URL", "http://127.0.0.1:" + n.provider.port());
        nodeEnv.put("ANTREAN_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
        nodeEnv.put("ANTREAN_WHATSAPP_ACCESS_TOKEN", "bench-access-token");
        nodeEnv.put("ANTREAN_WHATSAPP_APP_SECRET", "bench-app-secret");
        nodeEnv.put("ANTREAN_WHATSAPP_VERIFY_TOKEN", "bench-verify");
        nodeEnv.put("ANTREAN_WHATSAPP_DISPATCH_PAIR_PACE_MS", "1000");
        return n;
    }

    void run(Bench bench, BenchNode node) throws Exception {
        int clients = 32;
        try (Bench.Staff admin = bench.new Staff(node.port)) {
            setSwitch(admin, false);
            Bench.Row off = bench.closedLoop("notify", "issue contended, notifications off", clients,
                    w -> bench.httpIssue(node.port, false), List.of(node), bench.warmup, bench.measure, true, true);
            bench.rows.add(off);
            setSwitch(admin, true);
            arrivals.clear();
            Bench.Row on = bench.closedLoop("notify", "issue contended, notifications on, every resident consents", clients,
                    w -> issueWithConsent(bench, node.port), List.of(node), bench.warmup, bench.measure, true, true);
            bench.rows.add(on);
            if (off.tps() > 0) {
                bench.facts.put("notifyIssueRatio", Bench.round2(on.tps() / off.tps()));
            }
            drainAndMeasure(bench);
            callToProvider(bench, node, admin);
            setSwitch(admin, false);
        }
    }

    /**
     * The backlog the issuing phase left, drained: the mean rate from the phase's end until the
     * outbox is empty, and the busiest second of the whole scenario so far.
     */
    private void drainAndMeasure(Bench bench) throws Exception {
        long from = System.nanoTime();
        long backlog = pending(bench);
        long deadline = from + 180_000_000_000L;
        while (pending(bench) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        long left = pending(bench);
        long[] all = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] drain = Arrays.stream(all).filter(x -> x >= from).toArray();
        int maxWindow = 0;
        int j = 0;
        for (int i = 0; i < all.length; i++) {
            while (all[i] - all[j] >= 1_000_000_000L) {
                j++;
            }
            maxWindow = Math.max(maxWindow, i - j + 1);
        }
        bench.facts.put("notifyDispatchMaxPerSecond", maxWindow);
        if (drain.length < LIMIT_PER_SECOND) {
            bench.notes.add("notify: only " + drain.length + " messages were left to send after the issuing phase;"
                    + " the dispatch rate was not measured (a longer ANTREAN_BENCH_SECONDS leaves more)");
            return;
        }
        double span = (drain[drain.length - 1] - from) / 1e9;
        double mean = drain.length / span;
        bench.facts.put("notifyDispatchPerSecond", Bench.round1(mean));
        System.out.println(String.format(Locale.ROOT, "  notify  dispatch: a backlog of %d drained in %.1f s, %.1f/s; %d in the"
                + " busiest second (limit %d/s)%s", backlog, span, mean, maxWindow, LIMIT_PER_SECOND,
                left > 0 ? "; " + left + " still pending after 180 s" : ""));
        if (left > 0) {
            bench.notes.add("notify: " + left + " messages still pending 180 s after the issuing phase");
        }
    }

    /** Calls every half second across four counters; each called resident gave a number. */
    private void callToProvider(Bench bench, BenchNode node, Bench.Staff admin) throws Exception {
        double seconds = Double.parseDouble(Bench.env("ANTREAN_BENCH_NOTIFY_SECONDS", "60"));
        int calls = (int) (seconds * 2);
        Bench.resetDay(bench.jdbc(), true);
        bench.clearCounters(admin);
        Map<String, String> phoneOf = new ConcurrentHashMap<>();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        try (BenchHttp http = BenchHttp.create(bench.clientKind, node.port)) {
            for (int i = 0; i < calls + 20; i++) {
                String phone = nextPhone();
                BenchHttp.Resp r = http.send("POST", "/api/v1/offices/oki/tickets", Bench.kioskHeaders(), body(bench, phone));
                if (r.status() == 201) {
                    phoneOf.put(Bench.group(Bench.NUMBER, r.body()), phone.substring(1));
                } else {
                    Bench.count(errors, "setup " + r.status() + " " + Bench.group(Bench.ERROR, r.body()));
                }
            }
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (pending(bench) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(1500); // past the per-recipient spacing of the issued/admitted messages
        calledArrival.clear();
        Map<String, Long> callStart = new ConcurrentHashMap<>();
        List<Bench.Staff> staff = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            staff.add(bench.new Staff(node.port));
        }
        Bench.Sample sample = Bench.Sample.start(List.of(node), bench.dbPid);
        long start = System.nanoTime() + 200_000_000L;
        List<Thread> counters = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int c = k;
            Bench.Staff s = staff.get(k);
            // Each counter calls every 2 s, a quarter turn after the previous one, and keeps the
            // resident CALLED for 1.8 s (a "called" message sent after they were served is dropped).
            counters.add(Thread.ofVirtual().start(() -> {
                for (int i = c; i < calls; i += 4) {
                    try {
                        Bench.sleepUntil(start + i * 500_000_000L);
                        long t0 = System.nanoTime();
                        BenchHttp.Resp r = s.callNext(String.valueOf(c + 1));
                        if (r.status() == 200) {
                            String to = phoneOf.get(Bench.group(Bench.NUMBER, r.body()));
                            if (to != null) {
                                callStart.put(to, t0);
                            }
                            Bench.sleepUntil(t0 + 1_800_000_000L);
                            s.serve(Bench.group(Bench.ID, r.body()));
                        } else {
                            Bench.count(errors, "call-next " + r.status() + " " + Bench.group(Bench.ERROR, r.body()));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        Bench.count(errors, e.getClass().getSimpleName());
                    }
                }
            }));
        }
        while (counters.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(200);
            sample.rss();
        }
        long wait = System.nanoTime() + 10_000_000_000L;
        while (calledArrival.size() < callStart.size() && System.nanoTime() < wait) {
            Thread.sleep(100);
        }
        sample.stop();
        staff.forEach(Bench.Staff::close);
        long[] lat = callStart.entrySet().stream().filter(e -> calledArrival.containsKey(e.getKey()))
                .mapToLong(e -> calledArrival.get(e.getKey()) - e.getValue()).sorted().toArray();
        long missing = callStart.size() - lat.length;
        Map<String, Long> kinds = Bench.sums(errors);
        if (missing > 0) {
            kinds.put("called message not sent while the resident was called (1.8 s)", missing);
        }
        Bench.Row row = bench.eventRow("notify", "call -> provider request (called message)", 4, seconds, lat, kinds, sample,
                callStart.size() + " calls, one every 0.5 s over 4 counters; provider answers in 50 ms");
        bench.rows.add(row);
        Bench.printRow(row);
    }

    private Bench.Op issueWithConsent(Bench bench, int port) {
        BenchHttp http = BenchHttp.create(bench.clientKind, port);
        return new Bench.Op() {
            @Override
            public String call() throws Exception {
                BenchHttp.Resp r = http.send("POST", "/api/v1/offices/oki/tickets", Bench.kioskHeaders(), body(bench, nextPhone()));
                return r.status() == 201 ? null : r.status() + " " + Bench.group(Bench.ERROR, r.body());
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    /** A kiosk ticket request (as {@link Bench#ticketBody()}) with a WhatsApp number and its consent. */
    private static String body(Bench bench, String phone) {
        String b = bench.ticketBody();
        return b.substring(0, b.length() - 1) + ",\"phone\":\"" + phone
                + "\",\"whatsappConsent\":{\"version\":\"wa-consent-2026-12\",\"language\":\"id\"}}";
    }

    private String nextPhone() {
        return "+62812" + String.format(Locale.ROOT, "%07d", phones.incrementAndGet());
    }

    private static void setSwitch(Bench.Staff admin, boolean on) throws Exception {
        BenchHttp.Resp r = admin.http.send("PUT", "/api/v1/offices/oki/notifications/settings", admin.headers,
                "{\"enabled\":" + on + ",\"nearAhead\":3}");
        if (r.status() != 200) {
            throw new IllegalStateException("notifications switch: " + r.status() + " " + r.body());
        }
    }

    private static long pending(Bench bench) throws Exception {
        try (Connection c = bench.jdbc(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM notify_outbox WHERE state = 'PENDING'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** For the targets: the figures this scenario left in the facts. */
    static void targets(Bench bench, StringBuilder t) {
        Double ratio = bench.number("notifyIssueRatio");
        if (ratio != null) {
            t.append(String.format(Locale.ROOT, "- notifications: issuing with every resident consenting runs at %.0f%% of the rate"
                    + " without notifications (the outbox write's cost)%n", 100 * ratio));
        }
        Double mean = bench.number("notifyDispatchPerSecond");
        Double max = bench.number("notifyDispatchMaxPerSecond");
        if (mean != null && max != null) {
            t.append(String.format(Locale.ROOT, "- notifications: dispatch %.1f messages/s while a backlog drained, %.0f in the busiest"
                            + " second (provider limit %d/s per number, never above it): %s%n", mean, max, LIMIT_PER_SECOND,
                    max <= LIMIT_PER_SECOND ? "MET" : "MISSED"));
        }
        for (Bench.Row r : bench.rows) {
            if (r.scenario().equals("notify") && r.label().startsWith("call -> provider")) {
                t.append(String.format(Locale.ROOT, "- notifications: call -> provider request p99 %.1f ms (target < 1000): %s;"
                                + " errors %d (target 0): %s%n", r.p99(), r.p99() < 1000 && r.ok() > 0 ? "MET" : "MISSED",
                        r.errors(), r.errors() == 0 ? "MET" : "MISSED"));
            }
        }
    }

    @Override
    public void close() {
        provider.stop();
    }
}
