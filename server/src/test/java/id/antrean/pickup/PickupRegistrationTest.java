package id.antrean.pickup;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import id.antrean.support.WhatsAppStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registering finished documents (one, or a CSV file all-or-nothing), their appointments under
 * pickup capacity (also with registrations at once), moving them from the link, the overdue
 * reminders on a test clock, and each message at the WhatsApp stand-in. Real HTTP, real MariaDB.
 * The office's day: Tuesday 1 December 2026, 09:00 WIB (seeded hours Mon–Thu 08–15, Fri 08–11:30).
 */
class PickupRegistrationTest {
    static final PickupProvider PROVIDER = new PickupProvider();

    @RegisterExtension
    static final OfficeUnderTest office = withConfig(OfficeUnderTest.at("2026-12-01T09:00"), PROVIDER.config());

    static OfficeUnderTest withConfig(OfficeUnderTest o, Map<String, String> config) {
        config.forEach(o::with);
        return o;
    }

    static final String PICKUPS = "/api/v1/offices/oki/pickups";
    static int phones = 1000;
    Api staff;

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @BeforeEach
    void reset() {
        WhatsAppStandIn.enable(office.db(), true);
        PROVIDER.server.resetRequests();
        // A session of its own: the overdue test moves the clock days ahead, past any session's idle limit.
        staff = new Api(office.port()).loginAsAdmin();
    }

    static String phone() {
        return "0812" + String.format("%08d", ++phones);
    }

    static Map<String, Object> doc(String type, String reference, String name, String phone, String last4) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("reference", reference);
        m.put("name", name);
        m.put("phone", phone);
        m.put("nikLast4", last4);
        return m;
    }

    Api.Response settings(Map<String, Object> changes) {
        Api.Response r = staff.put("/api/v1/offices/oki/pickup-settings", changes);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    Api.Response importCsv(String csv) {
        return importBytes(csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
    }

    Api.Response importBytes(byte[] bytes, String type) {
        return staff.raw("POST", PICKUPS + "/import", type, bytes);
    }

    long stored() {
        return TestData.count(office.db(), "SELECT COUNT(*) FROM pickup_document");
    }

    @Test
    void oneDocumentGetsTheFirstSlotOfTomorrowAndAMessageWithCodeAndLink() {
        String phone = phone();
        Api.Response r = staff.post(PICKUPS, doc("KK", "WA-0001", "Siti Aminah", phone, "1234"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode d = r.json();
        assertThat(d.get("day").asText()).isEqualTo("2026-12-02");
        assertThat(d.get("slot").get("start").asText()).isEqualTo("08:00");
        assertThat(d.get("slot").get("end").asText()).isEqualTo("08:30");
        assertThat(d.get("state").asText()).isEqualTo("READY");
        assertThat(d.get("phone").asText()).isEqualTo("••••" + phone.substring(phone.length() - 4));
        String code = d.get("code").asText();
        assertThat(code).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}");
        String link = d.get("link").asText();
        // The consent basis is recorded with the document; the code itself is not stored anywhere.
        assertThat(TestData.string(office.db(), "SELECT consent_basis FROM pickup_document")).isEqualTo("WHATSAPP_REQUEST");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM pickup_document WHERE link_token LIKE '%"
                + code.replace("-", "") + "%'")).isZero();
        String to = "+62" + phone.substring(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> PROVIDER.sentTo(to).size() == 1);
        PickupProvider.Sent sent = PROVIDER.sentTo(to).getFirst();
        assertThat(sent.template()).isEqualTo("antrean_pickup_ready");
        assertThat(sent.language()).isEqualTo("id");
        assertThat(sent.params()).containsExactly("Kartu Keluarga (KK)", "WA-0001", "Rabu, 2 Desember 2026", "08:00–08:30",
                code, "https://antrean.example.id" + link);
        // The link shows the same code and appointment, and never the name or number.
        Api.Response page = office.resident().get("/api/v1" + link.replace("/p/", "/pickups/"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("code").asText()).isEqualTo(code);
        assertThat(page.body()).doesNotContain("Siti").doesNotContain(phone.substring(4));
    }

    @Test
    void eachSlotTakesItsCapacityThenTheNext() {
        settings(Map.of("slotCapacity", 2, "dayCapacity", 3));
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Response r = staff.post(PICKUPS, doc("KTP_EL", "R-" + i, "Warga " + i, phone(), "000" + i));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            slots.add(r.json().get("day").asText() + " " + r.json().get("slot").get("start").asText());
        }
        assertThat(slots).containsExactly("2026-12-02 08:00", "2026-12-02 08:00", "2026-12-02 08:30",
                "2026-12-03 08:00", "2026-12-03 08:00");
        // The change is in the audit trail, with who made it.
        assertThat(TestData.string(office.db(), "SELECT actor FROM event WHERE type = 'PICKUP_SETTINGS_CHANGED'")).isEqualTo("admin");
    }

    @Test
    void badFieldsAreNamedAndADocumentIsRegisteredOnce() {
        Api.Response bad = staff.post(PICKUPS, doc("PASPOR", "", " ", "12345", "12345"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("INVALID_PICKUP");
        JsonNode fields = bad.json().get("details").get("fields");
        assertThat(fields.has("type")).isTrue();
        assertThat(fields.has("reference")).isTrue();
        assertThat(fields.has("name")).isTrue();
        assertThat(fields.has("phone")).isTrue();
        assertThat(fields.get("nikLast4").asText()).contains("4");
        assertThat(staff.post(PICKUPS, doc("AKTA_KELAHIRAN", "474.1/123/2026", "Budi", phone(), "9876")).status()).isEqualTo(201);
        Api.Response again = staff.post(PICKUPS, doc("akta kelahiran", "474.1/123/2026", "Budi", phone(), "9876"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("PICKUP_DUPLICATE");
        assertThat(stored()).isEqualTo(1);
        assertThat(office.resident().post(PICKUPS, doc("KK", "X-1", "A", phone(), "1111")).status()).isEqualTo(401);
    }

    @Test
    void aGoodCsvFileIsRegisteredWhole() {
        // As Indonesian Excel saves it: a byte-order mark, semicolons, Indonesian headings in any
        // order, a quoted name with a semicolon and a line break, a notes column that is ignored.
        String csv = "\uFEFFnama;jenis;rujukan;whatsapp;nik4;catatan\r\n"
                + "\"Ahmad; bin Umar\";KK;WA-100;0812-1111-0001;4321;lengkap\r\n"
                + "Dewi Lestari;KTP-el;WA-101;+62 812 1111 0002;0007;\"baris\ndua\"\r\n"
                + "\r\n"
                + "Rahmat;AKTA_KEMATIAN;474.3/55;6281211110003;9999;\r\n";
        Api.Response r = importCsv(csv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(r.json().get("refused")).isEmpty();
        assertThat(r.json().get("ignoredColumns").get(0).asText()).isEqualTo("catatan");
        assertThat(r.json().get("documents").get(0).get("name").asText()).isEqualTo("Ahmad; bin Umar");
        assertThat(r.json().get("documents").get(1).get("type").asText()).isEqualTo("KTP_EL");
        assertThat(stored()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(15)).until(() -> PROVIDER.sent().size() == 3);
        assertThat(PROVIDER.sentTo("+6281211110003").getFirst().params().getFirst()).isEqualTo("Akta kematian");
    }

    @Test
    void everyKindOfBadRowIsReportedAndNothingIsImported() {
        assertThat(staff.post(PICKUPS, doc("KK", "WA-OLD", "Lama", phone(), "1111")).status()).isEqualTo(201);
        String csv = "type,reference,name,phone,nik_last4\n"
                + "KK,WA-200,Good Row,081211112000,1234\n"      // line 2: fine
                + "PASPOR,WA-201,Unknown Type,081211112001,1234\n" // 3: type
                + "KK,,No Reference,081211112002,1234\n"          // 4: reference
                + "KK,WA-203,,081211112003,1234\n"                 // 5: name
                + "KK,WA-204,Bad Phone,12345,1234\n"               // 6: phone
                + "KK,WA-205,Whole NIK,081211112005,1602011505900001\n" // 7: more than 4 digits
                + "KK,WA-200,Twice In File,081211112006,1234\n"    // 8: repeats line 2
                + "KK,WA-OLD,Already Registered,081211112007,1234\n"; // 9: stored before
        Api.Response r = importCsv(csv);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("IMPORT_REFUSED");
        JsonNode details = r.json().get("details");
        assertThat(details.get("accepted").asInt()).isZero();
        Map<Integer, String> refused = new LinkedHashMap<>();
        details.get("refused").forEach(x -> refused.put(x.get("row").asInt(), x.get("problems").get(0).get("field").asText()));
        assertThat(refused).containsEntry(3, "type").containsEntry(4, "reference").containsEntry(5, "name")
                .containsEntry(6, "phone").containsEntry(7, "nikLast4");
        assertThat(refused).doesNotContainKey(2);
        assertThat(stored()).isEqualTo(1);
        // With the field errors fixed, the duplicates are what is left, each named by its row.
        String dups = "type,reference,name,phone,nik_last4\n"
                + "KK,WA-200,Good Row,081211112000,1234\n"
                + "KK,WA-200,Twice In File,081211112006,1234\n";
        Api.Response twice = importCsv(dups);
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.json().get("details").get("refused").get(0).get("row").asInt()).isEqualTo(3);
        Api.Response old = importCsv("type,reference,name,phone,nik_last4\nKK,WA-300,New,081211113000,1234\nKK,WA-OLD,Again,081211113001,1234\n");
        assertThat(old.status()).isEqualTo(422);
        assertThat(old.json().get("details").get("refused").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(old.json().get("details").get("refused").get(0).get("problems").get(0).get("messages").get("en").asText())
                .contains("already registered");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void aFileInAnotherEncodingIsRefusedWithHowToSaveIt() {
        String csv = "type,reference,name,phone,nik_last4\nKK,WA-1,Agustinus Sö,081211114000,1234\n";
        Api.Response latin = importBytes(csv.getBytes(Charset.forName("windows-1252")), "text/csv");
        assertThat(latin.status()).isEqualTo(400);
        assertThat(latin.error()).isEqualTo("CSV_NOT_UTF8");
        assertThat(latin.json().get("details").get("line").asInt()).isEqualTo(2);
        assertThat(latin.json().get("messages").get("id").asText()).contains("CSV UTF-8");
        Api.Response utf16 = importBytes(csv.getBytes(StandardCharsets.UTF_16), "text/csv");
        assertThat(utf16.status()).isEqualTo(400);
        assertThat(utf16.error()).isEqualTo("CSV_NOT_UTF8");
        Api.Response declared = importBytes(csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=windows-1252");
        assertThat(declared.error()).isEqualTo("CSV_NOT_UTF8");
        assertThat(importBytes(new byte[0], "text/csv").error()).isEqualTo("CSV_EMPTY");
        assertThat(importCsv("nama,jenis\nA,KK\n").error()).isEqualTo("CSV_COLUMNS_MISSING");
        assertThat(importBytes(csv.getBytes(StandardCharsets.UTF_8), "application/json").status()).isEqualTo(415);
        assertThat(stored()).isZero();
    }

    @Test
    void aFiveMegabyteFileIsImportedAndLargerOnesAreRefused() {
        settings(Map.of("slotCapacity", 100, "dayCapacity", 1000));
        StringBuilder csv = new StringBuilder("type,reference,name,phone,nik_last4,catatan\n");
        String note = "x".repeat(2_600);
        int rows = 2_000;
        for (int i = 0; i < rows; i++) {
            csv.append("KTP_EL,BIG-").append(i).append(",Warga ").append(i).append(",0813").append(String.format("%08d", i))
                    .append(',').append(String.format("%04d", i)).append(',').append(note).append('\n');
        }
        byte[] five = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(five.length).isGreaterThan(5_000_000);
        Api.Response r = importBytes(five, "text/csv");
        assertThat(r.status()).as(r.body().length() > 500 ? r.body().substring(0, 500) : r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(rows);
        assertThat(stored()).isEqualTo(rows);
        // Per slot and per day, never over capacity.
        assertThat(TestData.count(office.db(), "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) n FROM pickup_document "
                + "GROUP BY appt_day, appt_start_min) x")).isLessThanOrEqualTo(100);
        assertThat(TestData.count(office.db(), "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) n FROM pickup_document "
                + "GROUP BY appt_day) x")).isLessThanOrEqualTo(1000);

        // A 7 MB file is refused on its declared length, before any of it is read (the staff page
        // also checks the size before it uploads).
        String big = rawAnswer("POST " + PICKUPS + "/import HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                + "Content-Length: " + (7 * 1024 * 1024) + "\r\n\r\ntype,reference");
        assertThat(big).startsWith("HTTP/1.1 413");
        assertThat(big).containsAnyOf("BODY_TOO_LARGE", "CSV_TOO_LARGE");
        StringBuilder many = new StringBuilder("type,reference,name,phone,nik_last4\n");
        for (int i = 0; i < 5_001; i++) {
            many.append("KK,M-").append(i).append(",A,081300000000,1234\n");
        }
        Api.Response tooMany = importCsv(many.toString());
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.error()).isEqualTo("CSV_TOO_MANY_ROWS");
        assertThat(stored()).isEqualTo(rows);
    }

    @Test
    void aFileTheCapacityCannotHoldIsRefusedWhole() {
        // Two days ahead (lead 1, horizon 2), 2 a day: room for 4.
        settings(Map.of("slotCapacity", 1, "dayCapacity", 2, "horizonDays", 2, "leadDays", 1));
        StringBuilder csv = new StringBuilder("type,reference,name,phone,nik_last4\n");
        for (int i = 0; i < 5; i++) {
            csv.append("KK,CAP-").append(i).append(",Warga,08121111500").append(i).append(",1234\n");
        }
        Api.Response r = importCsv(csv.toString());
        assertThat(r.status()).isEqualTo(422);
        JsonNode refused = r.json().get("details").get("refused").get(0);
        assertThat(refused.get("row").asInt()).isEqualTo(6);
        assertThat(refused.get("problems").get(0).get("field").asText()).isEqualTo("day");
        assertThat(stored()).isZero();
        assertThat(TestData.count(office.db(), "SELECT COALESCE(SUM(booked), 0) FROM pickup_slot")).isZero();
    }

    @Test
    void registrationsAtOnceNeverOverbookASlotOrADay() throws Exception {
        // Wed, Thu, Fri ahead; 3 a slot, 5 a day: 15 places for 40 staff registering at the same moment.
        settings(Map.of("slotCapacity", 3, "dayCapacity", 5, "horizonDays", 3, "leadDays", 1));
        int n = 40;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            // 16 at once against a pool of 5 connections: an answer 503 (busy, nothing stored) is sent again, as clients do.
            // A 503 may also come after the commit (its answer lost): the retry then finds the document
            // registered (409 PICKUP_DUPLICATE), which counts as registered.
            Callable<Integer> call = () -> {
                boolean retried = false;
                for (int attempt = 0; ; attempt++) {
                    Api.Response r = staff.post(PICKUPS, doc("KK", "CC-" + k, "Warga " + k, "08121112" + String.format("%04d", k),
                            "1234"));
                    if (retried && r.status() == 409 && "PICKUP_DUPLICATE".equals(r.error())) {
                        return 201;
                    }
                    if (r.status() != 503 || attempt > 50) {
                        return r.status();
                    }
                    retried = true;
                    Thread.sleep(100);
                }
            };
            results.add(pool.submit(call));
        }
        int created = 0;
        int full = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            if (status == 201) {
                created++;
            } else if (status == 409) {
                full++;
            } else {
                throw new AssertionError("unexpected status " + status);
            }
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(created).isEqualTo(15);
        assertThat(full).isEqualTo(25);
        assertThat(stored()).isEqualTo(15);
        assertThat(TestData.count(office.db(), "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM pickup_document GROUP BY appt_day, appt_start_min) x"))
                .isLessThanOrEqualTo(3);
        assertThat(TestData.count(office.db(), "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM pickup_document GROUP BY appt_day) x"))
                .isEqualTo(5);
        // The counters agree with the documents.
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM pickup_slot s WHERE s.booked <> (SELECT COUNT(*) FROM pickup_document d "
                + "WHERE d.appt_day = s.day AND d.appt_start_min = s.start_min)")).isZero();
    }

    @Test
    void theResidentMovesTheAppointmentAndNamesARepresentativeFromTheLink() {
        settings(Map.of("slotCapacity", 1, "dayCapacity", 10));
        String phone = phone();
        JsonNode d = staff.post(PICKUPS, doc("AKTA_PERKAWINAN", "AP-1", "Nur", phone, "5555")).json();
        JsonNode other = staff.post(PICKUPS, doc("KK", "AP-2", "Lain", phone(), "5556")).json();
        String token = d.get("link").asText().substring(3);
        Api resident = office.resident();
        Api.Response slots = resident.get("/api/v1/pickups/" + token + "/slots");
        assertThat(slots.status()).isEqualTo(200);
        JsonNode firstDay = slots.json().get("days").get(0);
        // Today's remaining slots count too (09:00 now: the 09:00 slot has not ended).
        assertThat(firstDay.get("day").asText()).isEqualTo("2026-12-01");
        assertThat(firstDay.get("slots").get(0).get("start").asText()).isEqualTo("09:00");
        // The other document's slot is full: refused, nothing moves.
        Api.Response full = resident.post("/api/v1/pickups/" + token + "/reschedule",
                Map.of("day", other.get("day").asText(), "start", other.get("slot").get("start").asText()));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.error()).isEqualTo("PICKUP_FULL");
        Api.Response far = resident.post("/api/v1/pickups/" + token + "/reschedule", Map.of("day", "2027-03-01", "start", "08:00"));
        assertThat(far.status()).isEqualTo(422);
        assertThat(far.error()).isEqualTo("DAY_OUT_OF_RANGE");
        Api.Response moved = resident.post("/api/v1/pickups/" + token + "/reschedule", Map.of("day", "2026-12-03", "start", "10:00"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("day").asText()).isEqualTo("2026-12-03");
        assertThat(moved.json().get("slot").get("start").asText()).isEqualTo("10:00");
        // The old place is free again, the new one taken.
        assertThat(TestData.count(office.db(), "SELECT booked FROM pickup_slot WHERE day = '2026-12-02' AND start_min = 480")).isZero();
        assertThat(TestData.count(office.db(), "SELECT booked FROM pickup_slot WHERE day = '2026-12-03' AND start_min = 600")).isEqualTo(1);
        Api.Response rep = resident.put("/api/v1/pickups/" + token + "/representative", Map.of("name", "Hasan", "relation", "Suami"));
        assertThat(rep.status()).isEqualTo(200);
        assertThat(rep.json().get("representative").get("relation").asText()).isEqualTo("Suami");
        assertThat(rep.body()).doesNotContain("Hasan");
        JsonNode staffView = staff.get(PICKUPS + "/" + d.get("id").asLong()).json();
        assertThat(staffView.get("representative").get("name").asText()).isEqualTo("Hasan");
        assertThat(resident.put("/api/v1/pickups/" + token + "/representative", Map.of("name", "", "relation", "x")).status())
                .isEqualTo(422);
        assertThat(resident.get("/api/v1/pickups/unknown-token-xyz").status()).isEqualTo(404);
        String to = "+62" + phone.substring(1);
        // One message per number per pace interval: the test clock moves on past it.
        office.clock().advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> PROVIDER.sentTo(to).size() == 2);
        PickupProvider.Sent movedMessage = PROVIDER.sentTo(to).get(1);
        assertThat(movedMessage.template()).isEqualTo("antrean_pickup_moved");
        assertThat(movedMessage.params().subList(0, 3)).containsExactly("Akta perkawinan", "Kamis, 3 Desember 2026", "10:00–10:30");
    }

    @Test
    void uncollectedDocumentsAreRemindedTwiceThenReturnedToTheArchive() {
        String phone = phone();
        String to = "+62" + phone.substring(1);
        JsonNode d = staff.post(PICKUPS, doc("KTP_EL", "OD-1", "Lupa", phone, "4444")).json();
        assertThat(d.get("day").asText()).isEqualTo("2026-12-02");
        await().atMost(Duration.ofSeconds(15)).until(() -> PROVIDER.sentTo(to).size() == 1);
        var job = office.node().pickupReminders();
        // Defaults: first reminder 3 days after the appointment, the second 4 days later, archive 7 days after that.
        office.clock().setWib("2026-12-04T09:00");
        assertThat(job.runOnce()).isZero();
        assertThat(overdue()).isEmpty();
        office.clock().setWib("2026-12-05T09:00");
        assertThat(job.runOnce()).isEqualTo(1);
        assertThat(job.runOnce()).isZero();
        assertThat(overdue()).containsExactly("OD-1");
        await().atMost(Duration.ofSeconds(15)).until(() -> PROVIDER.sentTo(to).size() == 2);
        assertThat(PROVIDER.sentTo(to).get(1).template()).isEqualTo("antrean_pickup_reminder");
        office.clock().setWib("2026-12-08T09:00");
        assertThat(job.runOnce()).isZero();
        office.clock().setWib("2026-12-09T09:00");
        assertThat(job.runOnce()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> PROVIDER.sentTo(to).size() == 3);
        assertThat(PROVIDER.sentTo(to).get(2).template()).isEqualTo("antrean_pickup_last_reminder");
        office.clock().setWib("2026-12-16T09:00");
        assertThat(job.runOnce()).isEqualTo(1);
        assertThat(TestData.string(office.db(), "SELECT state FROM pickup_document")).isEqualTo("ARCHIVED");
        await().atMost(Duration.ofSeconds(15)).until(() -> PROVIDER.sentTo(to).size() == 4);
        assertThat(PROVIDER.sentTo(to).get(3).template()).isEqualTo("antrean_pickup_archived");
        assertThat(job.runOnce()).isZero();
        // The daily report counts it overdue on the day of the first reminder.
        Api.Response report = new Api(office.port()).loginAsAdmin().get("/api/v1/offices/oki/reports/pickups?from=2026-12-01&to=2026-12-16");
        assertThat(report.status()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        report.json().get("rows").forEach(x -> rows.add(x.get("day").asText() + " " + x.get("type").asText() + " "
                + x.get("registered").asInt() + x.get("scheduled").asInt() + x.get("collected").asInt() + x.get("overdue").asInt()));
        assertThat(rows).containsExactly("2026-12-01 KTP_EL 1000", "2026-12-02 KTP_EL 0100", "2026-12-05 KTP_EL 0001");
    }

    /** Sends raw bytes and returns the whole answer (the server closes the connection after a 413). */
    static String rawAnswer(String request) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", office.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aReplyStopEndsPickupMessagesToThatNumber() throws Exception {
        String phone = phone();
        String to = "+62" + phone.substring(1);
        JsonNode d = staff.post(PICKUPS, doc("KK", "STOP-1", "Berhenti", phone, "7777")).json();
        await().atMost(Duration.ofSeconds(15)).until(() -> PROVIDER.sentTo(to).size() == 1);
        String body = "{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"from\":\"" + to.substring(1)
                + "\",\"type\":\"text\",\"text\":{\"body\":\"STOP\"}}]}}]}]}";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("test-app-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(office.resident().post("/api/v1/whatsapp/webhook", body, Map.of("X-Hub-Signature-256", signature)).status())
                .isEqualTo(200);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM pickup_document WHERE messages_stopped_at IS NOT NULL")).isEqualTo(1);
        String token = d.get("link").asText().substring(3);
        assertThat(office.resident().post("/api/v1/pickups/" + token + "/reschedule", Map.of("day", "2026-12-03", "start", "10:00"))
                .status()).isEqualTo(200);
        office.clock().advance(Duration.ofSeconds(1));
        Thread.sleep(1500);
        assertThat(PROVIDER.sentTo(to)).hasSize(1);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox WHERE pickup_id IS NOT NULL AND state = 'PENDING'")).isZero();
    }

    private List<String> overdue() {
        List<String> refs = new ArrayList<>();
        new Api(office.port()).loginAsAdmin().get(PICKUPS + "?list=overdue").json().get("documents").forEach(x -> refs.add(x.get("reference").asText()));
        return refs;
    }
}
