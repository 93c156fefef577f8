package id.antrean.support;

import java.util.HashMap;
import java.util.Map;

import id.antrean.Antrean;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An office under test: the test class's own database on a real MariaDB, one Antrean node started
 * on it with a {@link MutableClock}, a resident's and an admin's {@link Api} client, and before
 * every test an empty queue, the seeded settings and the clock back at its start. Register it as
 * a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00");
 * }</pre>
 */
public final class OfficeUnderTest implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final TestDatabase databases = new TestDatabase();
    private final String startWib;
    private final Map<String, String> config = new HashMap<>();
    private final MutableClock clock;
    private TestDatabase.Db db;
    private Antrean node;
    private Api resident;
    private Api admin;
    private String seeded;

    private OfficeUnderTest(String startWib) {
        this.startWib = startWib;
        this.clock = MutableClock.atWib(startWib);
    }

    /** An office whose clock starts (and is put back before each test) at this WIB time. */
    public static OfficeUnderTest at(String startWib) {
        return new OfficeUnderTest(startWib);
    }

    /** A config key over application.yaml for the node, e.g. a shorter heartbeat. */
    public OfficeUnderTest with(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Several config keys at once, e.g. {@code WhatsAppStandIn.config(...)}. */
    public OfficeUnderTest with(Map<String, String> keys) {
        config.putAll(keys);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        databases.beforeAll(context);
        db = TestDatabase.of(context);
        node = TestServer.start(db, clock, config);
        resident = new Api(node.port());
        seeded = TestData.settings(db);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            databases.afterAll(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestData.clearQueue(db, seeded);
        clock.setWib(startWib);
    }

    public TestDatabase.Db db() {
        return db;
    }

    public Antrean node() {
        return node;
    }

    public int port() {
        return node.port();
    }

    public MutableClock clock() {
        return clock;
    }

    /** A client without a session, as a resident or a kiosk. */
    public Api resident() {
        return resident;
    }

    /** A client logged in as the first admin (logged in once, on first use). */
    public synchronized Api admin() {
        if (admin == null) {
            admin = new Api(node.port()).loginAsAdmin();
        }
        return admin;
    }

    /** The settings as seeded, which every test starts from. */
    public String seededSettings() {
        return seeded;
    }
}
