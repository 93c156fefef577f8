package id.antrean.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.support.Api.bookingRequest;
import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Booking from home (issue 15) over HTTP: a phone booking takes no waiting-room place until its
 * resident checks in at the door (by QR token or short code, health checklist again), wrong, used
 * and other people's codes are told apart, unchecked slots are released with the test clock,
 * bookings move and cancel by token only, the phone share of the quota and the request limits hold.
 */
class BookingFromHomeTest {
    static final String BOOK = "/api/v1/offices/oki/bookings";
    static final String CHECKIN = "/api/v1/offices/oki/checkins";
    static final String PAGE = "/api/v1/offices/oki/booking";
    static final String SETTINGS = "/api/v1/offices/oki/booking/settings";
    static final String REPORT = "/api/v1/offices/oki/reports/booking";
    static final String TODAY = "2026-12-01";     // a Tuesday, open 08:00–15:00, slots of 30 minutes for 5
    static final String TOMORROW = "2026-12-02";
    static final Map<String, Boolean> HEALTHY = Map.of("MASK", true, "GLOVES", true, "NO_SYMPTOMS", true);

    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at(TODAY + "T07:00")
            .with("antrean.booking.release.seconds", "1");

    static Api supervisor;

    Api api() {
        return office.resident();
    }

    synchronized Api supervisor() {
        if (supervisor == null) {
            supervisor = office.admin().newStaff("penyelia-booking", "SUPERVISOR");
        }
        return supervisor;
    }

    /** Every test books from the one address 127.0.0.1: limits high, except where a test sets its own. */
    @org.junit.jupiter.api.BeforeEach
    void highLimits() {
        assertThat(supervisor().put(SETTINGS, Map.of("addressPerHour", 10_000, "nikPerHour", 1_000)).status()).isEqualTo(200);
    }

    JsonNode book(int i, String day, String slot) {
        Api.Response r = api().post(BOOK, bookingRequest(nik(i), day, slot));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    Api.Response checkIn(Map<String, Object> body) {
        return api().post(CHECKIN, body);
    }

    static Map<String, Object> byCode(String code, Map<String, Boolean> checklist) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("checklist", checklist);
        return m;
    }

    JsonNode ticket(String token) {
        return api().get("/api/v1/tickets/" + token + "/booking").json();
    }

    @Test
    void aBookingFromHomeWaitsAtHomeUntilItsResidentChecksInByShortCode() {
        JsonNode booked = book(1, TODAY, "08:00");
        assertThat(booked.get("channel").asText()).isEqualTo("MOBILE");
        assertThat(booked.get("shortCode").asText()).matches("[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}");
        assertThat(booked.get("slot").get("start").asText()).isEqualTo("08:00");
        assertThat(booked.get("checkIn").get("required").asBoolean()).isTrue();
        assertThat(booked.get("checkIn").get("until").asText()).startsWith(TODAY + "T09:00");
        assertThat(booked.get("statusUrl").asText()).isEqualTo("/t/" + booked.get("token").asText());

        // The slot has begun and the room is empty: a kiosk ticket is let in, the phone one is not.
        office.clock().setWib(TODAY + "T08:05");
        Api.Response kiosk = api().post("/api/v1/offices/oki/tickets", ticketRequest(nik(2)));
        assertThat(kiosk.status()).isEqualTo(201);
        assertThat(kiosk.json().get("state").asText()).isEqualTo("ADMITTED");
        assertThat(ticket(booked.get("token").asText()).get("state").asText()).isEqualTo("BOOKED");
        assertThat(api().get("/api/v1/offices/oki/kiosk").json().get("availability").get("waitingOutside").asInt())
                .as("a resident still at home is not waiting outside").isZero();

        JsonNode queued = queued(booked.get("number").asText());
        assertThat(queued.get("channel").asText()).isEqualTo("MOBILE");
        assertThat(queued.get("checkIn").get("done").asBoolean()).as("staff see it has not checked in").isFalse();
        assertThat(queued(kiosk.json().get("number").asText()).has("checkIn")).isFalse();

        // At the door: the code typed in lower case with a space, the checklist again, then admission.
        String typed = booked.get("shortCode").asText().toLowerCase().replace('-', ' ');
        Api.Response in = checkIn(byCode(typed, HEALTHY));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().get("number").asText()).isEqualTo(booked.get("number").asText());
        assertThat(in.json().get("state").asText()).isEqualTo("ADMITTED");
        assertThat(in.json().get("checkIn").get("done").asBoolean()).isTrue();
        assertThat(ticket(booked.get("token").asText()).get("checkIn").get("at").asText()).startsWith(TODAY + "T08:05");
        assertThat(queued(booked.get("number").asText()).get("checkIn").get("done").asBoolean()).isTrue();
    }

    /** The staff queue's entry of a number. */
    JsonNode queued(String number) {
        for (JsonNode t : office.admin().get("/api/v1/offices/oki/queue").json().get("tickets")) {
            if (t.get("number").asText().equals(number)) {
                return t;
            }
        }
        throw new AssertionError("not in the queue: " + number);
    }

    @Test
    void theKioskRouteTakesNoPhoneBookingSoItsLimitsCannotBeSidestepped() {
        java.util.Map<String, Object> asPhone = new java.util.HashMap<>(ticketRequest(nik(40)));
        asPhone.put("channel", "MOBILE");
        Api.Response r = api().post("/api/v1/offices/oki/tickets", asPhone);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("details").path("field").asText()).isEqualTo("channel");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket WHERE channel = 'MOBILE'")).isZero();
    }

    @Test
    void aCounterWithNobodyInTheRoomNeverCallsABookingWhoseResidentIsStillAtHome() {
        office.clock().setWib(TODAY + "T08:05");
        JsonNode booked = book(11, TODAY, "09:00");
        Api.Response idle = office.admin().post("/api/v1/offices/oki/counters/1/call-next", null);
        assertThat(idle.status()).as(idle.body()).isEqualTo(204);
        assertThat(checkIn(Map.of("token", booked.get("token").asText(), "checklist", HEALTHY)).status()).isEqualTo(200);
        Api.Response early = office.admin().post("/api/v1/offices/oki/counters/1/call-next", null);
        assertThat(early.status()).as("at the door now: called early like any resident outside").isEqualTo(200);
        assertThat(early.json().get("number").asText()).isEqualTo(booked.get("number").asText());
    }

    @Test
    void checkInByQrTokenBeforeTheSlotWaitsOutsideUntilTheSlotBegins() {
        JsonNode booked = book(3, TODAY, "09:00");
        office.clock().setWib(TODAY + "T08:40");
        Api.Response in = checkIn(Map.of("token", booked.get("token").asText(), "checklist", HEALTHY));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().get("state").asText()).as("early: waits outside for its slot").isEqualTo("BOOKED");
        assertThat(api().get("/api/v1/offices/oki/kiosk").json().get("availability").get("waitingOutside").asInt()).isEqualTo(1);
        office.clock().setWib(TODAY + "T09:00");
        String token = booked.get("token").asText();
        await(() -> ticket(token).get("state").asText().equals("ADMITTED"), "admitted when its slot begins");
    }

    @Test
    void wrongUsedAndOtherPeoplesCodesAreRefusedClearlyAndChangeNothing() {
        office.clock().setWib(TODAY + "T08:00");
        JsonNode booked = book(4, TODAY, "08:30");
        String code = booked.get("shortCode").asText();

        Api.Response unknown = checkIn(byCode("ZZZZ-ZZZZ", HEALTHY));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("CHECKIN_CODE_UNKNOWN");
        assertThat(unknown.json().get("messages").get("id").asText()).contains("Kode tidak dikenal");
        assertThat(unknown.json().get("messages").get("en").asText()).contains("Unknown code");
        assertThat(checkIn(byCode("12", HEALTHY)).error()).isEqualTo("CHECKIN_CODE_UNKNOWN");
        assertThat(checkIn(Map.of("token", "not-a-token", "checklist", HEALTHY)).error()).isEqualTo("CHECKIN_CODE_UNKNOWN");
        assertThat(checkIn(Map.of("checklist", HEALTHY)).status()).isEqualTo(422);

        // The door's checklist again: without gloves, no check-in, and the booking stays for a second try.
        Api.Response noGloves = checkIn(byCode(code, Map.of("MASK", true, "GLOVES", false, "NO_SYMPTOMS", true)));
        assertThat(noGloves.status()).isEqualTo(422);
        assertThat(noGloves.error()).isEqualTo("HEALTH_PROTOCOL");
        assertThat(ticket(booked.get("token").asText()).get("checkIn").get("done").asBoolean()).isFalse();

        assertThat(checkIn(byCode(code, HEALTHY)).status()).isEqualTo(200);
        Api.Response used = checkIn(byCode(code, HEALTHY));
        assertThat(used.status()).isEqualTo(409);
        assertThat(used.error()).isEqualTo("CHECKIN_USED");
        assertThat(used.json().get("messages").get("id").asText()).contains("sudah lapor hadir");
        Api.Response usedQr = checkIn(Map.of("token", booked.get("token").asText(), "checklist", HEALTHY));
        assertThat(usedQr.error()).isEqualTo("CHECKIN_USED");

        // A kiosk ticket needs no check-in; a booking for tomorrow is told its day.
        Api.Response kiosk = api().post("/api/v1/offices/oki/tickets", ticketRequest(nik(5)));
        Api.Response kioskIn = checkIn(Map.of("token", kiosk.json().get("token").asText(), "checklist", HEALTHY));
        assertThat(kioskIn.status()).isEqualTo(409);
        assertThat(kioskIn.error()).isEqualTo("CHECKIN_NOT_NEEDED");
        JsonNode tomorrow = book(6, TOMORROW, "10:00");
        Api.Response early = checkIn(byCode(tomorrow.get("shortCode").asText(), HEALTHY));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.error()).isEqualTo("CHECKIN_NOT_TODAY");
        assertThat(early.json().get("messages").get("id").asText()).contains("Rabu, 2 Desember 2026");

        // Someone else's code: a ticket of another office is unknown at this door, and stays as it was.
        TestData.execute(office.db(), "INSERT IGNORE INTO office (id, name_id, name_en, time_zone, nik_region, settings) "
                + "SELECT 'lain', 'Kantor lain', 'Another office', time_zone, nik_region, settings FROM office WHERE id = 'oki'");
        TestData.execute(office.db(), "INSERT IGNORE INTO service (office_id, code, sort_order, in_office, ticket_prefix, whatsapp, name_id, name_en) "
                + "SELECT 'lain', code, sort_order, in_office, ticket_prefix, "
                + "whatsapp, name_id, name_en FROM service WHERE office_id = 'oki'");
        TestData.execute(office.db(), "INSERT IGNORE INTO waiting_room (office_id) VALUES ('lain')");
        Api.Response other = api().post("/api/v1/offices/lain/bookings", bookingRequest(nik(7), TODAY, "09:00"));
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        Api.Response elsewhere = checkIn(byCode(other.json().get("shortCode").asText(), HEALTHY));
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.error()).isEqualTo("CHECKIN_CODE_UNKNOWN");
        assertThat(ticket(other.json().get("token").asText()).get("checkIn").get("done").asBoolean()).isFalse();
        TestData.execute(office.db(), "DELETE FROM ticket WHERE office_id = 'lain'");
    }

    @Test
    void anUncheckedSlotIsReleasedAsNoShowAfterItsGracePeriodByExactlyOneOfTwoNodes() {
        JsonNode booked = book(8, TODAY, "08:00");
        String token = booked.get("token").asText();
        int leftBefore = placesLeft(TODAY);
        try (Antrean second = TestServer.start(office.db(), office.clock(), Map.of("antrean.booking.release.seconds", "1"))) {
            office.clock().setWib(TODAY + "T08:59");
            pause(Duration.ofMillis(2500));
            assertThat(ticket(token).get("state").asText()).as("within the grace period").isEqualTo("BOOKED");

            office.clock().setWib(TODAY + "T09:00");
            await(() -> ticket(token).get("state").asText().equals("NO_SHOW"), "released at slot end + 30 min");
            pause(Duration.ofMillis(2500)); // both nodes have run again since
            assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM event WHERE type = 'TICKET_RELEASED'")).isEqualTo(1);
        }
        assertThat(placesLeft(TODAY)).as("the quota place is given back").isEqualTo(leftBefore + 1);
        Api.Response late = checkIn(Map.of("token", token, "checklist", HEALTHY));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("messages").get("id").asText()).contains("Tidak hadir");
        JsonNode day = supervisor().get(REPORT + "?from=" + TODAY + "&to=" + TODAY).json().get("days").get(0);
        assertThat(day.get("channels").get("MOBILE").get("releasedNoShow").asInt()).isEqualTo(1);
    }

    @Test
    void aTicketIsMovedAndCancelledByItsTokenOnlyNeverByItsNik() {
        JsonNode booked = book(9, TODAY, "10:00");
        String token = booked.get("token").asText();
        Api.Response moved = api().post("/api/v1/tickets/" + token + "/move", Map.of("day", TODAY, "slot", "11:00"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("number").asText()).isEqualTo(booked.get("number").asText());
        assertThat(moved.json().get("slot").get("start").asText()).isEqualTo("11:00");
        assertThat(slotLeft(TODAY, "10:00")).isEqualTo(5);
        assertThat(slotLeft(TODAY, "11:00")).isEqualTo(4);

        Api.Response nextDay = api().post("/api/v1/tickets/" + token + "/move", Map.of("day", TOMORROW, "slot", "08:30"));
        assertThat(nextDay.status()).as(nextDay.body()).isEqualTo(200);
        assertThat(nextDay.json().get("day").asText()).isEqualTo(TOMORROW);
        assertThat(slotLeft(TODAY, "11:00")).isEqualTo(5);
        assertThat(placesLeft(TODAY)).isEqualTo(35);
        assertThat(placesLeft(TOMORROW)).isEqualTo(34);

        // A full slot, a slot that does not exist, a closed day: clear refusals, nothing moved.
        office.admin().changeSettings("slotCapacity", 1);
        book(10, TODAY, "12:00");
        Api.Response full = api().post("/api/v1/tickets/" + token + "/move", Map.of("day", TODAY, "slot", "12:00"));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.error()).isEqualTo("SLOT_FULL");
        assertThat(api().post("/api/v1/tickets/" + token + "/move", Map.of("day", TODAY, "slot", "12:10")).error())
                .isEqualTo("SLOT_FULL");
        assertThat(api().post("/api/v1/tickets/" + token + "/move", Map.of("day", "2026-12-05", "slot", "09:00")).error())
                .isEqualTo("OFFICE_CLOSED");
        assertThat(ticket(token).get("day").asText()).isEqualTo(TOMORROW);

        // Knowing the NIK gives nothing: no token, and the NIK is no key to the ticket's pages.
        Api.Response again = api().post(BOOK, bookingRequest(nik(9), TOMORROW, "09:00"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("ALREADY_HAS_TICKET");
        assertThat(again.body()).doesNotContain(token).doesNotContain(nextDay.json().get("shortCode").asText());
        assertThat(api().get("/api/v1/tickets/" + nik(9) + "/booking").status()).isEqualTo(404);
        assertThat(api().post("/api/v1/tickets/" + nik(9) + "/move", Map.of("day", TODAY, "slot", "13:00")).status()).isEqualTo(404);
        assertThat(api().delete("/api/v1/tickets/" + nik(9)).status()).isEqualTo(404);

        Api.Response cancelled = api().delete("/api/v1/tickets/" + token);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asText()).isEqualTo("CANCELLED");
        assertThat(placesLeft(TOMORROW)).isEqualTo(35);
        Api.Response notMovable = api().post("/api/v1/tickets/" + token + "/move", Map.of("day", TODAY, "slot", "13:00"));
        assertThat(notMovable.status()).isEqualTo(409);
        assertThat(notMovable.error()).isEqualTo("TICKET_NOT_MOVABLE");
    }

    @Test
    void phoneBookingsGetTheirShareOfTheQuotaAndTheRestIsKeptForTheDoor() {
        office.admin().changeSettings("dailyQuota", Map.of("KTP_EL_RECORDING", 10));
        Api.Response share = supervisor().put(SETTINGS, Map.of("phoneSharePercent", 70));
        assertThat(share.status()).as(share.body()).isEqualTo(200);
        assertThat(placesLeft(TODAY)).isEqualTo(7);
        String[] slots = {"08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00"};
        for (int i = 0; i < 7; i++) {
            book(20 + i, TODAY, slots[i]);
        }
        Api.Response eighth = api().post(BOOK, bookingRequest(nik(27), TODAY, "11:30"));
        assertThat(eighth.status()).isEqualTo(409);
        assertThat(eighth.error()).isEqualTo("PHONE_QUOTA_FULL");
        assertThat(eighth.json().get("messages").get("id").asText()).contains("datang langsung");
        assertThat(placesLeft(TODAY)).isZero();
        // The door still has its three places.
        office.clock().setWib(TODAY + "T08:00");
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("/api/v1/offices/oki/tickets", ticketRequest(nik(30 + i))).status()).isEqualTo(201);
        }
        assertThat(api().post("/api/v1/offices/oki/tickets", ticketRequest(nik(33))).error()).isEqualTo("QUOTA_FULL");

        Api.Response bad = supervisor().put(SETTINGS, Map.of("phoneSharePercent", 170));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("details").get("fields").has("phoneSharePercent")).isTrue();
        assertThat(office.resident().put(SETTINGS, Map.of("phoneSharePercent", 100)).status()).isEqualTo(401);
    }

    @Test
    void requestLimitsPerAddressAndPerNikAnswer429WithRetryAfterAndAreCounted() {
        assertThat(supervisor().put(SETTINGS, Map.of("addressPerHour", 1000, "nikPerHour", 2)).status()).isEqualTo(200);
        Api.Response first = api().post(BOOK, bookingRequest(nik(40), TODAY, "09:00"), Map.of("Idempotency-Key", "nik-40-a"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(api().post(BOOK, bookingRequest(nik(40), TODAY, "09:30")).error()).isEqualTo("ALREADY_HAS_TICKET");
        Api.Response limited = api().post(BOOK, bookingRequest(nik(40), TODAY, "10:00"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error()).isEqualTo("BOOKING_LIMITED");
        assertThat(limited.json().get("details").get("limit").asText()).isEqualTo("NIK");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(limited.json().get("messages").get("id").asText()).contains("Coba lagi dalam");
        assertThat(limited.json().get("messages").get("en").asText()).contains("Try again in");
        // A retry of an answered request is no new request: the first answer again, never a 429.
        Api.Response retry = api().post(BOOK, bookingRequest(nik(40), TODAY, "09:00"), Map.of("Idempotency-Key", "nik-40-a"));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());

        assertThat(supervisor().put(SETTINGS, Map.of("addressPerHour", 2, "nikPerHour", 100)).status()).isEqualTo(200);
        assertThat(api().post(BOOK, bookingRequest(nik(41), TODAY, "09:00")).status()).isEqualTo(201);
        assertThat(api().post(BOOK, bookingRequest(nik(42), TODAY, "09:00")).status()).isEqualTo(201);
        Api.Response byAddress = api().post(BOOK, bookingRequest(nik(43), TODAY, "09:00"));
        assertThat(byAddress.status()).isEqualTo(429);
        assertThat(byAddress.json().get("details").get("limit").asText()).isEqualTo("ADDRESS");
        assertThat(byAddress.headers().firstValue("Retry-After")).isPresent();

        // Wrong codes at the door are limited per address too, and counted.
        assertThat(supervisor().put(SETTINGS, Map.of("wrongCodesPerHour", 2)).status()).isEqualTo(200);
        assertThat(checkIn(byCode("ZZZZ-ZZZ2", HEALTHY)).status()).isEqualTo(404);
        assertThat(checkIn(byCode("ZZZZ-ZZZ3", HEALTHY)).status()).isEqualTo(404);
        Api.Response guessing = checkIn(byCode("ZZZZ-ZZZ4", HEALTHY));
        assertThat(guessing.status()).isEqualTo(429);
        assertThat(guessing.headers().firstValue("Retry-After")).isPresent();

        JsonNode day = supervisor().get(REPORT + "?from=" + TODAY + "&to=" + TODAY).json().get("days").get(0);
        assertThat(day.get("rateLimited").asInt()).isEqualTo(3);
        assertThat(day.get("refused").asInt()).isEqualTo(1);
        assertThat(day.get("refusals").get("ALREADY_HAS_TICKET").asInt()).isEqualTo(1);
        assertThat(day.get("refusals").get("RATE_LIMITED_NIK").asInt()).isEqualTo(1);
        assertThat(day.get("channels").get("MOBILE").get("tickets").asInt()).isEqualTo(3);
    }

    @Test
    void theBookingPageListsTodayAndTheHorizonWithPlacesLeftPerSlot() {
        JsonNode page = api().get(PAGE).json();
        assertThat(page.get("days").size()).isEqualTo(8);
        JsonNode today = page.get("days").get(0);
        assertThat(today.get("today").asBoolean()).isTrue();
        assertThat(today.get("slots").get(0).get("start").asText()).isEqualTo("08:00");
        assertThat(today.get("slots").get(0).get("left").asInt()).isEqualTo(5);
        assertThat(today.get("placesLeft").asInt()).isEqualTo(35); // 70 % of 50
        assertThat(page.get("days").get(4).get("slots").size()).as("Saturday is closed").isZero();
        book(50, TODAY, "08:00");
        assertThat(slotLeft(TODAY, "08:00")).isEqualTo(4);

        // The page itself: one answer with its data; inline style and script allowed by hash only.
        Api.Response html = api().get("/book/?office=oki");
        assertThat(html.status()).isEqualTo(200);
        String csp = html.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self' 'sha256-").contains("style-src 'self' 'sha256-")
                .doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(html.headers().firstValue("X-Antrean-Own-CSP")).isEmpty();
        assertThat(html.body()).contains("id=\"booking-data\" data-office=\"oki\"").contains("\"placesLeft\":34")
                .doesNotContain("<script type=\"module\" src=");
        office.clock().setWib(TODAY + "T08:31");
        assertThat(api().get(PAGE).json().get("days").get(0).get("slots").get(0).get("start").asText())
                .as("the slot under way stays, ended slots are gone").isEqualTo("08:30");
    }

    int placesLeft(String day) {
        for (JsonNode d : api().get(PAGE).json().get("days")) {
            if (d.get("day").asText().equals(day)) {
                return d.get("placesLeft").asInt();
            }
        }
        throw new AssertionError("no day " + day);
    }

    int slotLeft(String day, String start) {
        for (JsonNode d : api().get(PAGE).json().get("days")) {
            if (d.get("day").asText().equals(day)) {
                for (JsonNode s : d.get("slots")) {
                    if (s.get("start").asText().equals(start)) {
                        return s.get("left").asInt();
                    }
                }
            }
        }
        throw new AssertionError("no slot " + day + " " + start);
    }

    static void await(Supplier<Boolean> condition, String what) {
        Instant until = Instant.now().plusSeconds(20);
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("timed out waiting: " + what);
            }
            pause(Duration.ofMillis(200));
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
