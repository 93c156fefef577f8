package id.antrean.support;

import java.util.HashMap;
import java.util.Map;

/**
 * WhatsApp notifications for tests that only need them switched on (the kiosk asks for a number
 * only then): a configured provider at {@code baseUrl} and the office's switch on.
 */
public final class WhatsAppStandIn {
    /** Nothing listens here: messages stay queued, retried with backoff, and never leave. */
    public static final String NOWHERE = "http://127.0.0.1:9";

    private WhatsAppStandIn() {
    }

    public static Map<String, String> config(String baseUrl, Map<String, String> extra) {
        Map<String, String> c = new HashMap<>(extra);
        c.put("antrean.whatsapp.base.url", baseUrl);
        c.put("antrean.whatsapp.phone.number.id", "1234567890");
        c.put("antrean.whatsapp.access.token", "test-access-token");
        c.put("antrean.whatsapp.app.secret", "test-app-secret");
        c.put("antrean.whatsapp.verify.token", "verify-me");
        return c;
    }

    /** Turns the seeded office's notifications on (or off) directly in the database. */
    public static void enable(TestDatabase.Db db, boolean on) {
        TestData.execute(db, "INSERT INTO notify_office (office_id, enabled) VALUES ('oki', " + on + ")"
                + " ON DUPLICATE KEY UPDATE enabled = " + on);
    }
}
