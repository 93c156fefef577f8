package id.antrean.domain;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoliciesTest {
    static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

    static OfficeSettings settings() {
        List<OpeningInterval> weekday = List.of(new OpeningInterval(LocalTime.of(8, 0), LocalTime.of(15, 0)));
        return new OfficeSettings(Map.of("KTP_EL_RECORDING", 50), 30, 5, 10, 7,
                Map.of(DayOfWeek.MONDAY, weekday, DayOfWeek.TUESDAY, weekday, DayOfWeek.WEDNESDAY, weekday,
                        DayOfWeek.THURSDAY, weekday,
                        DayOfWeek.FRIDAY, List.of(new OpeningInterval(LocalTime.of(8, 0), LocalTime.of(11, 30)))),
                List.of(LocalDate.of(2026, 12, 25)),
                List.of(new ChecklistItem("MASK", true, Text.of("masker", "mask")),
                        new ChecklistItem("GLOVES", true, Text.of("sarung tangan", "gloves")),
                        new ChecklistItem("NO_SYMPTOMS", true, Text.of("tanpa gejala", "no symptoms")),
                        new ChecklistItem("DISTANCE", false, Text.of("jaga jarak", "distance"))),
                List.of(new UrgencyReason("HOSPITAL", Text.of("rs", "hospital")), new UrgencyReason("OTHER", Text.of("lain", "other"))),
                List.of(new Counter("1", "Loket 1"), new Counter("2", "Loket 2")), NikRegionPolicyMode.WARN);
    }

    static Instant wib(String local) {
        return LocalDateTime.parse(local).atZone(WIB).toInstant();
    }

    @Test
    void healthProtocolListsEveryMissingRequiredItemAndIgnoresOptionalOnes() {
        assertThat(HealthProtocolPolicy.check(settings().checklist(), Map.of("MASK", true, "GLOVES", true, "NO_SYMPTOMS", true)))
                .isEmpty();
        Rejection r = HealthProtocolPolicy.check(settings().checklist(), Map.of("MASK", true, "GLOVES", false)).orElseThrow();
        assertThat(r.code()).isEqualTo(RejectionCode.HEALTH_PROTOCOL);
        assertThat(r.details().get("missing")).isEqualTo(List.of("GLOVES", "NO_SYMPTOMS"));
        assertThat(r.message().id()).contains("sarung tangan");
    }

    @Test
    void urgencyNeedsAKnownReasonAndANoteForOther() {
        assertThat(UrgencyPolicy.check(settings(), "HOSPITAL", null)).isEmpty();
        assertThat(UrgencyPolicy.check(settings(), null, null)).get().extracting(Rejection::code).isEqualTo(RejectionCode.URGENCY_REQUIRED);
        assertThat(UrgencyPolicy.check(settings(), "HOLIDAY", null)).isPresent();
        assertThat(UrgencyPolicy.check(settings(), "OTHER", " ")).isPresent();
        assertThat(UrgencyPolicy.check(settings(), "OTHER", "wawancara kerja")).isEmpty();
        assertThat(UrgencyPolicy.check(settings(), "OTHER", "x".repeat(201))).isPresent();
    }

    @Test
    void openingHoursForTodayAndLaterDays() {
        OfficeSettings s = settings();
        assertThat(OpeningHoursPolicy.check(s, WIB, wib("2026-12-01T09:00"), null).day())
                .isEqualTo(new BookingDay(LocalDate.of(2026, 12, 1), true, 9 * 60));
        OpeningHoursPolicy.Result evening = OpeningHoursPolicy.check(s, WIB, wib("2026-12-01T16:00"), null);
        assertThat(evening.rejection().code()).isEqualTo(RejectionCode.OFFICE_CLOSED);
        assertThat(evening.rejection().details().get("opensAt")).isEqualTo(Map.of("day", "2026-12-02", "time", "08:00"));
        // Friday afternoon: next opening is Monday.
        assertThat(OpeningHoursPolicy.check(s, WIB, wib("2026-12-04T12:00"), null).rejection().details().get("opensAt"))
                .isEqualTo(Map.of("day", "2026-12-07", "time", "08:00"));
        assertThat(OpeningHoursPolicy.check(s, WIB, wib("2026-12-01T16:00"), LocalDate.of(2026, 12, 2)).isAllowed()).isTrue();
        assertThat(OpeningHoursPolicy.check(s, WIB, wib("2026-12-01T09:00"), LocalDate.of(2026, 12, 5)).rejection().code())
                .isEqualTo(RejectionCode.OFFICE_CLOSED); // Saturday
        assertThat(OpeningHoursPolicy.check(s, WIB, wib("2026-12-21T09:00"), LocalDate.of(2026, 12, 25)).rejection().code())
                .isEqualTo(RejectionCode.OFFICE_CLOSED); // holiday
        assertThat(OpeningHoursPolicy.check(s, WIB, wib("2026-12-01T09:00"), LocalDate.of(2026, 12, 9)).rejection().code())
                .isEqualTo(RejectionCode.DAY_OUT_OF_RANGE);
        assertThat(OpeningHoursPolicy.check(s, WIB, wib("2026-12-01T09:00"), LocalDate.of(2026, 11, 30)).rejection().code())
                .isEqualTo(RejectionCode.DAY_OUT_OF_RANGE);
    }

    @Test
    void slotsCutTheDayAndShortenTheLastOne() {
        SlotPlan friday = SlotPlan.of(settings(), LocalDate.of(2026, 12, 4));
        assertThat(friday.slots()).hasSize(7).first().isEqualTo(new Slot(480, 510));
        assertThat(friday.slots().getLast()).isEqualTo(new Slot(660, 690));
        assertThat(SlotPlan.of(settings(), LocalDate.of(2026, 12, 5)).isEmpty()).isTrue();
        assertThat(friday.notEndedAt(9 * 60 + 10)).first().isEqualTo(new Slot(540, 570));
        assertThat(friday.layout()).isNotEqualTo(SlotPlan.of(settings(), LocalDate.of(2026, 12, 1)).layout());
    }

    @Test
    void lifecycleArrows() {
        assertThat(TicketState.BOOKED.canMoveTo(TicketState.ADMITTED)).isTrue();
        assertThat(TicketState.BOOKED.canMoveTo(TicketState.CALLED)).isFalse();
        assertThat(TicketState.CALLED.canMoveTo(TicketState.CALLED)).isTrue();
        assertThat(TicketState.ADMITTED.canMoveTo(TicketState.NO_SHOW)).isFalse();
        assertThat(TicketState.SERVING.canMoveTo(TicketState.CANCELLED)).isFalse();
        for (TicketState end : List.of(TicketState.DONE, TicketState.NO_SHOW, TicketState.REFUSED, TicketState.CANCELLED)) {
            assertThat(end.isFinal()).isTrue();
            assertThat(end.next()).isEmpty();
        }
        assertThat(TransitionPolicy.check(TicketState.DONE, TicketState.SERVING)).get()
                .extracting(Rejection::code).isEqualTo(RejectionCode.INVALID_STATE);
    }

    @Test
    void ppeNeedsMaskAndGlovesAndNoFever() {
        assertThat(PpePolicy.check(Map.of("MASK", true, "GLOVES", true), new BigDecimal("36.6"))).isEmpty();
        assertThat(PpePolicy.check(Map.of("MASK", true, "GLOVES", true), null)).isEmpty();
        assertThat(PpePolicy.check(Map.of("MASK", true), null).orElseThrow().details().get("missing")).isEqualTo(List.of("GLOVES"));
        assertThat(PpePolicy.check(Map.of("MASK", true, "GLOVES", true), new BigDecimal("37.5")).orElseThrow().code())
                .isEqualTo(RejectionCode.HEALTH_PROTOCOL);
        assertThat(PpePolicy.check(Map.of("MASK", true, "GLOVES", true), new BigDecimal("60")).orElseThrow().code())
                .isEqualTo(RejectionCode.INVALID_REQUEST);
    }

    @Test
    void whatsAppNumbersAreShownTheIndonesianWay() {
        WhatsAppContact wa = new WhatsAppContact("+6287894567172");
        assertThat(wa.display()).isEqualTo("0878-9456-7172");
        assertThat(wa.link()).isEqualTo("https://wa.me/6287894567172");
        assertThat(new WhatsAppContact("+6285927941900").display()).isEqualTo("0859-2794-1900");
    }

    @Test
    void estimateIsNotBeforeTheSlotNorBeforeThePeopleAhead() {
        LocalDate day = LocalDate.of(2026, 12, 1);
        Instant nine = wib("2026-12-01T09:00");
        assertThat(CallEstimate.at(nine, WIB, day, new Slot(600, 630), 0, 2, Duration.ofMinutes(10))).isEqualTo(wib("2026-12-01T10:00"));
        assertThat(CallEstimate.at(nine, WIB, day, new Slot(540, 570), 5, 2, Duration.ofMinutes(10))).isEqualTo(wib("2026-12-01T09:30"));
    }

    @Test
    void rolesIncludeTheOnesBelow() {
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.SUPERVISOR)).isFalse();
        assertThat(PasswordPolicy.check("short")).isPresent();
        assertThat(PasswordPolicy.check("long-enough-1")).isEmpty();
        assertThat(TicketNumber.format("A", 7)).isEqualTo("A-007");
        assertThat(TicketNumber.format("A", 1234)).isEqualTo("A-1234");
    }
}
