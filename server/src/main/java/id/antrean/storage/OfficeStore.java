package id.antrean.storage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.antrean.domain.Office;
import id.antrean.domain.OfficeSettings;
import id.antrean.domain.Service;
import id.antrean.domain.Text;
import id.antrean.domain.WhatsAppContact;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** Offices, their services and their settings document. */
public final class OfficeStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Database db;
    private final EventStore events;

    public OfficeStore(Database db, EventStore events) {
        this.db = db;
        this.events = events;
    }

    /** The office as it is now, read fresh so a settings change on another node is in force. */
    public Optional<Office> find(String officeId) {
        return db.read(exec -> find(exec, officeId));
    }

    public List<String> ids() {
        return db.read(exec -> exec.namedQuery("office-ids").map(r -> Rows.str(r, "id")).toList());
    }

    static Optional<Office> find(DbExecute exec, String officeId) {
        Optional<DbRow> row = exec.namedGet("office-get", officeId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<Service> services = exec.namedQuery("office-services", officeId).map(OfficeStore::service).toList();
        DbRow r = row.get();
        return Optional.of(new Office(Rows.str(r, "id"), Text.of(Rows.str(r, "name_id"), Rows.str(r, "name_en")),
                ZoneId.of(Rows.str(r, "time_zone")), Rows.str(r, "nik_region"), services,
                SettingsCodec.read(Rows.str(r, "settings"))));
    }

    /** Replaces the settings and records who changed what, in one transaction. */
    public void updateSettings(String officeId, OfficeSettings settings, String actor, Instant now) {
        db.inTransaction(tx -> {
            String old = tx.namedGet("office-lock", officeId).map(r -> Rows.str(r, "settings")).orElseThrow();
            String updated = SettingsCodec.write(settings);
            tx.namedUpdate("office-update-settings", updated, Rows.ts(now), officeId);
            try {
                events.append(tx, officeId, "SETTINGS_CHANGED", null, actor,
                        Map.of("old", MAPPER.readTree(old), "new", MAPPER.readTree(updated)), now);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static Service service(DbRow r) {
        String wa = Rows.str(r, "whatsapp");
        String sendId = Rows.str(r, "send_id");
        return new Service(Rows.str(r, "code"), Rows.bool(r, "in_office"), Rows.str(r, "ticket_prefix"),
                wa == null ? null : new WhatsAppContact(wa), Text.of(Rows.str(r, "name_id"), Rows.str(r, "name_en")),
                sendId == null ? null : Text.of(sendId, Rows.str(r, "send_en")));
    }
}
