package id.antrean.storage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.antrean.domain.ChecklistItem;
import id.antrean.domain.Counter;
import id.antrean.domain.InvalidSettings;
import id.antrean.domain.NikRegionPolicyMode;
import id.antrean.domain.Office;
import id.antrean.domain.OfficeSettings;
import id.antrean.domain.Service;
import id.antrean.domain.Text;
import id.antrean.domain.UrgencyReason;
import id.antrean.domain.WhatsAppContact;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** Offices, their services and their settings document. */
public final class OfficeStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(OfficeStore.class.getName());
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
            Optional<Cached> fresh = read(exec, officeId, known);
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

    private static Optional<Cached> read(DbExecute exec, String officeId, Cached known) {
        Optional<DbRow> row = exec.namedGet("office-get", officeId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<Service> services = exec.namedQuery("office-services", officeId).map(OfficeStore::service).toList();
        DbRow r = row.get();
        long rev = Rows.lng(r, "settings_rev");
        OfficeSettings settings = inForce(officeId, rev, Rows.str(r, "settings"), Rows.str(r, "settings_last_good"),
                known == null ? null : known.office().settings());
        return Optional.of(new Cached(rev, new Office(Rows.str(r, "id"),
                Text.of(Rows.str(r, "name_id"), Rows.str(r, "name_en")), ZoneId.of(Rows.str(r, "time_zone")),
                Rows.str(r, "nik_region"), services, settings, rev)));
    }

    /**
     * The settings to run on. Saves are checked in full, so the stored document fails only when
     * edited by hand; then the office runs on the last document a save checked (the same on every
     * node), else on what this node had, else closed (every kiosk says so) rather than answering errors.
     */
    static OfficeSettings inForce(String officeId, long rev, String stored, String lastGood, OfficeSettings had) {
        try {
            return SettingsCodec.read(stored);
        } catch (InvalidSettings e) {
            LOG.severe(() -> "Settings of office " + officeId + " at revision " + rev + " cannot be used: "
                    + e.problems().stream().map(p -> p.path().isEmpty() ? "(document)" : p.path()).distinct().toList()
                    + ". The office runs on its last good settings until an admin saves valid ones.");
        }
        if (lastGood != null) {
            try {
                return SettingsCodec.read(lastGood);
            } catch (InvalidSettings e) {
                LOG.severe(() -> "The last good settings of office " + officeId + " cannot be used either.");
            }
        }
        if (had != null) {
            return had;
        }
        LOG.severe(() -> "Office " + officeId + " has no usable settings: it stays closed until an admin saves valid ones.");
        return CLOSED;
    }

    /** What an office runs on when no stored settings can be read: closed, with the circular's checklist. */
    static final OfficeSettings CLOSED = new OfficeSettings(Map.of(), 30, 1, 1, 0, Map.of(), List.of(),
            List.of(new ChecklistItem("MASK", true, Text.of("Saya memakai masker", "I am wearing a mask")),
                    new ChecklistItem("GLOVES", true, Text.of("Saya memakai sarung tangan", "I am wearing gloves"))),
            List.of(new UrgencyReason(UrgencyReason.OTHER, Text.of("Lainnya", "Other"))),
            List.of(new Counter("1", "Loket 1")), NikRegionPolicyMode.WARN);

    /** Replaces the settings and records who changed what, in one transaction. */
    public void updateSettings(String officeId, OfficeSettings settings, String actor, Instant now) {
        db.inTransaction(tx -> {
            String old = tx.namedGet("office-lock", officeId).map(r -> Rows.str(r, "settings")).orElseThrow();
            String updated = SettingsCodec.write(settings);
            tx.namedUpdate("office-update-settings", updated, updated, Rows.ts(now), officeId);
            try {
                events.append(tx, officeId, "SETTINGS_CHANGED", null, actor,
                        Map.of("old", MAPPER.readTree(old), "new", MAPPER.readTree(updated)), now);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    /** Replaces the office's name and its services' contacts, and records both versions, in one transaction. */
    public void updateProfile(String officeId, id.antrean.domain.OfficeProfile before, id.antrean.domain.OfficeProfile after,
                              String actor, Instant now) {
        db.inTransaction(tx -> {
            tx.namedGet("office-lock", officeId).orElseThrow();
            tx.namedUpdate("office-update-name", after.name().id(), after.name().en(), Rows.ts(now), officeId);
            for (id.antrean.domain.OfficeProfile.ServiceContact c : after.services()) {
                tx.namedUpdate("service-update-contact", c.whatsapp(), c.instructions() == null ? null : c.instructions().id(),
                        c.instructions() == null ? null : c.instructions().en(), officeId, c.code());
            }
            events.append(tx, officeId, "OFFICE_PROFILE_CHANGED", null, actor,
                    Map.of("old", MAPPER.valueToTree(before), "new", MAPPER.valueToTree(after)), now);
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
