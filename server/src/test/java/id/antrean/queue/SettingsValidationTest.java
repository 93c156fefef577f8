package id.antrean.queue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings document is checked as a whole (its JSON Schema, then the office rules); a refused
 * save changes nothing and the kiosk keeps working, and stored settings that fail to read do not
 * turn kiosk requests into errors.
 */
@ExtendWith(TestDatabase.class)
class SettingsValidationTest {
    static final String SETTINGS = "/api/v1/offices/oki/settings";
    static final String KIOSK = "/api/v1/offices/oki/kiosk";
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static final ObjectMapper MAPPER = new ObjectMapper();
    static TestDatabase.Db db;
    static Antrean node;
    static Api admin;
    static Api kiosk;
    static String seeded;
    static int nextNik = 1;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        node = TestServer.start(db, CLOCK);
        admin = new Api(node.port()).loginAsAdmin();
        kiosk = new Api(node.port());
        seeded = TestData.settings(db);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void reset() {
        TestData.clearQueue(db, seeded);
        TestData.execute(db, "UPDATE office SET settings_last_good = settings WHERE id = 'oki'");
        CLOCK.setWib("2026-12-01T09:00");
    }

    /** The settings as the admin reads them, changed by {@code change}. */
    private static ObjectNode current(Consumer<ObjectNode> change) {
        ObjectNode s = (ObjectNode) admin.get(SETTINGS).json().deepCopy();
        change.accept(s);
        return s;
    }

    private static Api.Response save(Consumer<ObjectNode> change) {
        return admin.put(SETTINGS, current(change));
    }

    /** Path → problem of a refused save, after checking the answer's shape. */
    private static Map<String, JsonNode> refused(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("INVALID_SETTINGS");
        assertThat(r.json().get("messages").get("id").asText()).isNotBlank();
        assertThat(r.json().get("messages").get("en").asText()).isNotBlank();
        Map<String, JsonNode> byPath = new LinkedHashMap<>();
        for (JsonNode p : r.json().get("details").get("problems")) {
            assertThat(p.get("messages").get("id").asText()).as(p.toString()).isNotBlank();
            assertThat(p.get("messages").get("en").asText()).as(p.toString()).isNotBlank()
                    .isNotEqualTo(p.get("messages").get("id").asText());
            assertThat(r.json().get("details").get("fields").has(p.get("path").asText())).isTrue();
            byPath.putIfAbsent(p.get("path").asText(), p);
        }
        return byPath;
    }

    /** The kiosk answers and issues a ticket: the office runs. */
    private static void kioskWorks() {
        Api.Response info = kiosk.get(KIOSK);
        assertThat(info.status()).as(info.body()).isEqualTo(200);
        Api.Response ticket = kiosk.post(TICKETS, ticketRequest(nik(nextNik++)));
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
    }

    private static long settingsChanges() {
        return TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'SETTINGS_CHANGED'");
    }

    @Test
    void anEmptyQuotaIsRefusedAndTheKioskKeepsWorking() {
        String before = admin.get(SETTINGS).body();
        Map<String, JsonNode> problems = refused(save(s -> s.putObject("dailyQuota")));
        assertThat(problems).containsKey("dailyQuota");
        assertThat(admin.get(SETTINGS).body()).isEqualTo(before);
        assertThat(settingsChanges()).isZero();
        kioskWorks();
        kioskWorks();
    }

    @Test
    void everyQuotaKeyIsAnInOfficeServiceAndEveryInOfficeServiceHasOne() {
        Map<String, JsonNode> unknown = refused(save(s -> s.putObject("dailyQuota").put("NO_SUCH_SERVICE", 5)));
        assertThat(unknown).containsKeys("dailyQuota.NO_SUCH_SERVICE", "dailyQuota.KTP_EL_RECORDING");
        assertThat(unknown.get("dailyQuota.KTP_EL_RECORDING").get("messages").get("en").asText()).contains("Urgent KTP-el recording");

        Map<String, JsonNode> whatsApp = refused(save(s -> ((ObjectNode) s.get("dailyQuota")).put("KK", 5)));
        assertThat(whatsApp).containsOnlyKeys("dailyQuota.KK");
        assertThat(whatsApp.get("dailyQuota.KK").get("messages").get("en").asText()).contains("WhatsApp");

        Map<String, JsonNode> notACode = refused(save(s -> ((ObjectNode) s.get("dailyQuota")).put("ktp el", 5)));
        assertThat(notACode).containsKey("dailyQuota.ktp el");
        assertThat(settingsChanges()).isZero();
        kioskWorks();

        // A quota of 0 pauses the service: allowed, and the kiosk says it is full (not an error).
        assertThat(save(s -> ((ObjectNode) s.get("dailyQuota")).put("KTP_EL_RECORDING", 0)).status()).isEqualTo(200);
        assertThat(kiosk.get(KIOSK).status()).isEqualTo(200);
        Api.Response full = kiosk.post(TICKETS, ticketRequest(nik(nextNik++)));
        assertThat(full.status()).as(full.body()).isEqualTo(409);
        assertThat(full.error()).isEqualTo("QUOTA_FULL");
        assertThat(full.json().get("details").get("nextAvailable").isNull()).isTrue();
    }

    @Test
    void theChecklistKeepsMaskAndGlovesAsTheCircularRequires() {
        assertThat(refused(save(s -> s.putArray("checklist")))).containsKey("checklist");

        Map<String, JsonNode> noGloves = refused(save(s -> {
            ArrayNode kept = MAPPER.createArrayNode();
            s.get("checklist").forEach(i -> {
                if (!i.get("code").asText().equals("GLOVES")) {
                    kept.add(i);
                }
            });
            s.set("checklist", kept);
        }));
        assertThat(noGloves).containsOnlyKeys("checklist");
        assertThat(noGloves.get("checklist").get("messages").get("en").asText()).contains("GLOVES");

        Map<String, JsonNode> optionalMask = refused(save(s -> ((ObjectNode) s.get("checklist").get(0)).put("required", false)));
        assertThat(optionalMask).containsOnlyKeys("checklist[0].required");

        // Items beyond the circular's may be added, removed or made optional.
        assertThat(save(s -> ((ObjectNode) s.get("checklist").get(2)).put("required", false)).status()).isEqualTo(200);
        kioskWorks();
    }

    @Test
    void everyProblemOfTheShapeIsListedByPathInBothLanguages() {
        Map<String, JsonNode> problems = refused(save(s -> {
            s.put("roomCapacity", 0);
            s.put("slotMinutes", "thirty");
            s.put("slotCapacity", 1.5);
            s.put("colour", "red");
            s.remove("bookingHorizonDays");
            s.put("nikRegionPolicy", "sometimes");
            ((ObjectNode) s.get("openingHours").get("MONDAY").get(0)).put("open", "8:00");
            ((ObjectNode) s.get("openingHours")).putArray("FUNDAY");
            s.putArray("holidays").add("2026-02-30");
            ((ObjectNode) s.get("counters").get(0)).put("name", " ");
            ((ObjectNode) s.get("urgencyReasons").get(1).get("label")).remove("en");
        }));
        assertThat(problems).containsOnlyKeys("roomCapacity", "slotMinutes", "slotCapacity", "colour", "bookingHorizonDays",
                "nikRegionPolicy", "openingHours.MONDAY[0].open", "openingHours.FUNDAY", "holidays[0]", "counters[0].name",
                "urgencyReasons[1].label.en");
        assertThat(problems.get("roomCapacity").get("message").asText()).contains("1–1000");
        assertThat(problems.get("counters[0].name").get("messages").get("id").asText()).startsWith("Nama loket wajib");
        assertThat(problems.get("colour").get("messages").get("en").asText()).isEqualTo("Not a known field here");
        assertThat(settingsChanges()).isZero();
        kioskWorks();
    }

    @Test
    void everyOfficeRuleBrokenIsListed() {
        Map<String, JsonNode> problems = refused(save(s -> {
            ((ObjectNode) s.get("counters").get(1)).put("id", "1");
            ((ObjectNode) s.get("urgencyReasons").get(1)).put("code", "SCHOOL");
            ArrayNode tuesday = ((ObjectNode) s.get("openingHours")).putArray("TUESDAY");
            tuesday.addObject().put("open", "08:00").put("close", "12:00");
            tuesday.addObject().put("open", "11:00").put("close", "15:00");
            ArrayNode wednesday = ((ObjectNode) s.get("openingHours")).putArray("WEDNESDAY");
            wednesday.addObject().put("open", "13:00").put("close", "10:00");
            ArrayNode thursday = ((ObjectNode) s.get("openingHours")).putArray("THURSDAY");
            thursday.addObject().put("open", "08:00").put("close", "14:45");
        }));
        assertThat(problems).containsOnlyKeys("counters[1].id", "urgencyReasons[1].code", "openingHours.TUESDAY[1].open",
                "openingHours.WEDNESDAY[0].close", "openingHours.THURSDAY[0]");
        assertThat(problems.get("openingHours.THURSDAY[0]").get("messages").get("en").asText()).contains("30-minute");

        Map<String, JsonNode> neverOpen = refused(save(s -> {
            ObjectNode hours = s.putObject("openingHours");
            for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
                hours.putArray(day);
            }
        }));
        assertThat(neverOpen).containsOnlyKeys("openingHours");
        assertThat(settingsChanges()).isZero();
        kioskWorks();
    }

    @Test
    void aValidSaveIsInForceAtOnceAndAudited() {
        Api.Response ok = save(s -> {
            s.put("slotMinutes", 60);
            ((ObjectNode) s.get("openingHours").get("FRIDAY").get(0)).put("close", "11:00");
            s.put("roomCapacity", 3);
            s.putArray("holidays").add("2026-12-25");
        });
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("slotMinutes").asInt()).isEqualTo(60);
        assertThat(settingsChanges()).isEqualTo(1);
        Api.Response ticket = kiosk.post(TICKETS, ticketRequest(nik(nextNik++)));
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        assertThat(ticket.json().get("slot").get("end").asText()).isEqualTo("10:00");
    }

    @Test
    void brokenStoredSettingsDoNotTurnKioskRequestsIntoErrors() {
        kioskWorks();
        // Edited by hand in SQL, past every check: the node keeps running on the last good settings.
        TestData.execute(db, "UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, '$.dailyQuota', JSON_OBJECT('X', 'many'), '$.checklist', JSON_ARRAY()) WHERE id = 'oki'");
        kioskWorks();
        assertThat(kiosk.get(KIOSK).json().get("availability").get("quota").get("limit").asInt()).isEqualTo(50);
        TestData.execute(db, "UPDATE office SET settings_rev = settings_rev + 1, settings = '[]' WHERE id = 'oki'");
        kioskWorks();

        // A node started now, with the last good copy broken as well, has nothing to run on: closed, no errors.
        TestData.execute(db, "UPDATE office SET settings_last_good = '{\"slotMinutes\": 0}' WHERE id = 'oki'");
        Antrean fresh = TestServer.start(db, CLOCK);
        try {
            Api other = new Api(fresh.port());
            Api.Response info = other.get(KIOSK);
            assertThat(info.status()).as(info.body()).isEqualTo(200);
            assertThat(info.json().get("open").asBoolean()).isFalse();
            Map<String, Object> request = ticketRequest(nik(nextNik++));
            request.put("urgency", Map.of("reason", "OTHER", "note", "Surat untuk rumah sakit"));
            Api.Response refused = other.post(TICKETS, request);
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.error()).isEqualTo("OFFICE_CLOSED");
            assertThat(other.get("/api/v1/offices/oki/services").status()).isEqualTo(200);

            // An admin saving valid settings opens it again, on both nodes.
            Api otherAdmin = new Api(fresh.port()).loginAsAdmin();
            Api.Response saved = otherAdmin.put(SETTINGS, seeded);
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(other.post(TICKETS, ticketRequest(nik(nextNik++))).status()).isEqualTo(201);
            kioskWorks();
        } finally {
            fresh.close();
        }
    }
}
