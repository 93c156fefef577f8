package id.antrean.notify;

import java.util.HashMap;
import java.util.Map;

import id.antrean.Antrean;
import id.antrean.support.RunningClock;
import id.antrean.support.TestServer;

/**
 * One Antrean node in its own JVM, for the test that kills a node with SIGKILL mid-dispatch.
 * Arguments: JDBC URL, user, password, the provider's base URL, the office time to start at (WIB).
 * Prints "PORT n" when it serves.
 */
public final class DispatchNode {
    private DispatchNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> c = new HashMap<>(WhatsAppNotificationsTest.config(args[3]));
        c.put("db.connection.url", args[0]);
        c.put("db.connection.username", args[1]);
        c.put("db.connection.password", args.length > 2 ? args[2] : "");
        c.put("antrean.admin.password", "admin-password-for-tests");
        c.put("antrean.whatsapp.dispatch.lease.ms", "2000");
        Antrean node = TestServer.start(c, RunningClock.atWib(args[4]));
        System.out.println("PORT " + node.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
