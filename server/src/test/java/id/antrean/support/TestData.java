package id.antrean.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Direct database access for tests: resetting the queue between tests and reading what was stored. */
public final class TestData {
    private TestData() {
    }

    /** Empties the day's queue (tickets, counts, events, keys) and puts the seeded settings back. */
    public static void clearQueue(TestDatabase.Db db, String seededSettings) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // Document pickup (V45): documents (their outbox rows go with them), capacity rows, settings.
            st.execute("DELETE FROM pickup_document");
            st.execute("DELETE FROM pickup_slot");
            st.execute("DELETE FROM pickup_day");
            st.execute("DELETE FROM pickup_settings");
            st.execute("DELETE FROM ticket");
            st.execute("DELETE FROM day_counter");
            st.execute("DELETE FROM slot_usage");
            st.execute("DELETE FROM event");
            st.execute("DELETE FROM counter_status");
            st.execute("DELETE FROM idempotency_key");
            st.execute("DELETE FROM booking_settings");
            st.execute("DELETE FROM booking_refusal");
            st.execute("DELETE FROM survey_answer");
            try (PreparedStatement ps = c.prepareStatement("UPDATE office SET settings_rev = settings_rev + 1, settings = ? WHERE id = 'oki'")) {
                ps.setString(1, seededSettings);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String settings(TestDatabase.Db db) {
        return string(db, "SELECT settings FROM office WHERE id = 'oki'");
    }

    public static long count(TestDatabase.Db db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(TestDatabase.Db db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(TestDatabase.Db db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
