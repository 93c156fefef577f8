package id.antrean.storage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Offices by id at the revision they were read; settings_rev versions the whole office. */
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public OfficeStore(Database db, EventStore events) {
        this.db = db;
        this.events = events;
    }

    /**
     * The office as it is now. Every call asks the database for the office's revision, so a
     * settings change made on another node is in force at once; the office itself (settings
     * document, services) is read and parsed again only when the revision has moved.
     */
    public Optional<Office> find(String officeId) {
        return db.read(exec -> {
            Optional<Long> rev = exec.namedGet("office-rev", officeId).map(r -> Rows.lng(r, "settings_rev"));
            if (rev.isEmpty()) {
                cache.remove(officeId);
                return Optional.empty();
            }
            Cached known = cache.get(officeId);
            if (known != null && known.rev() == rev.get()) {
                return Optional.of(known.office());
            }
            Optional<Cached> fresh = read(exec, officeId);
            fresh.ifPresentOrElse(c -> cache.put(officeId, c), () -> cache.remove(officeId));
            return fresh.map(Cached::office);
        });
    }

    /** An office as read at one revision. */
    private record Cached(long rev, Office office) {
    }

    public List<String> ids() {
        return db.read(exec -> exec.namedQuery("office-ids").map(r -> Rows.str(r, "id")).toList());
    }

    private static Optional<Cached> read(DbExecute exec, String officeId) {
        Optional<DbRow> row = exec.namedGet("office-get", officeId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<Service> services = exec.namedQuery("office-services", officeId).map(OfficeStore::service).toList();
        DbRow r = row.get();
        return Optional.of(new Cached(Rows.lng(r, "settings_rev"), new Office(Rows.str(r, "id"),
                Text.of(Rows.str(r, "name_id"), Rows.str(r, "name_en")), ZoneId.of(Rows.str(r, "time_zone")),
                Rows.str(r, "nik_region"), services, SettingsCodec.read(Rows.str(r, "settings")))));
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
