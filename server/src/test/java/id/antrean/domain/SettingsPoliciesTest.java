package id.antrean.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The office rules between settings fields, each on its own and all listed together. */
class SettingsPoliciesTest {
    static final List<Service> SERVICES = List.of(
            new Service("KTP_EL_RECORDING", true, "A", null, Text.of("Perekaman KTP-el", "KTP-el recording"), null),
            new Service("KK", false, null, new WhatsAppContact("+6287894567172"), Text.of("Kartu Keluarga", "Family card"), null));

    static OfficeSettings with(Map<String, Integer> quota, int slotMinutes, Map<DayOfWeek, List<OpeningInterval>> hours,
                               List<ChecklistItem> checklist, List<Counter> counters) {
        OfficeSettings s = PoliciesTest.settings();
        return new OfficeSettings(quota, slotMinutes, s.slotCapacity(), s.roomCapacity(), s.bookingHorizonDays(), hours,
                s.holidays(), checklist, s.urgencyReasons(), counters, s.nikRegionPolicy());
    }

    static OpeningInterval at(String open, String close) {
        return new OpeningInterval(LocalTime.parse(open), LocalTime.parse(close));
    }

    static List<String> paths(List<SettingsProblem> problems) {
        return problems.stream().map(SettingsProblem::path).toList();
    }

    @Test
    void theSeededSettingsBreakNoRule() {
        assertThat(SettingsPolicies.check(PoliciesTest.settings(), SERVICES)).isEmpty();
    }

    @Test
    void everyInOfficeServiceHasAQuotaAndOnlyThey() {
        OfficeSettings s = PoliciesTest.settings();
        assertThat(paths(QuotaCoversServicesPolicy.check(with(Map.of(), 30, s.openingHours(), s.checklist(), s.counters()), SERVICES)))
                .containsExactly("dailyQuota.KTP_EL_RECORDING");
        assertThat(paths(QuotaCoversServicesPolicy.check(with(Map.of("KTP_EL_RECORDING", 0, "KK", 3, "NOPE", 1), 30,
                s.openingHours(), s.checklist(), s.counters()), SERVICES))).containsExactly("dailyQuota.KK", "dailyQuota.NOPE");
    }

    @Test
    void maskAndGlovesStayRequiredOnTheChecklist() {
        OfficeSettings s = PoliciesTest.settings();
        List<ChecklistItem> noGloves = new ArrayList<>(s.checklist());
        noGloves.removeIf(i -> i.code().equals("GLOVES"));
        assertThat(PpeChecklistPolicy.check(with(s.dailyQuota(), 30, s.openingHours(), noGloves, s.counters())))
                .extracting(p -> p.message().en()).singleElement().asString().contains("GLOVES");
        List<ChecklistItem> optionalMask = new ArrayList<>(s.checklist());
        optionalMask.set(0, new ChecklistItem("MASK", false, optionalMask.get(0).label()));
        assertThat(paths(PpeChecklistPolicy.check(with(s.dailyQuota(), 30, s.openingHours(), optionalMask, s.counters()))))
                .containsExactly("checklist[0].required");
    }

    @Test
    void countersAndCodesAreUnique() {
        OfficeSettings s = PoliciesTest.settings();
        List<ChecklistItem> twice = new ArrayList<>(s.checklist());
        twice.add(s.checklist().get(0));
        List<Counter> counters = List.of(new Counter("1", "Loket 1"), new Counter("1", "Loket A"), new Counter("3", " loket a "));
        assertThat(paths(UniqueCodesPolicy.check(with(s.dailyQuota(), 30, s.openingHours(), twice, counters))))
                .containsExactly("checklist[4].code", "counters[1].id", "counters[2].name");
    }

    @Test
    void openingHoursAreOrderedWithoutOverlapAndHoldWholeSlots() {
        OfficeSettings s = PoliciesTest.settings();
        Map<DayOfWeek, List<OpeningInterval>> hours = new HashMap<>();
        hours.put(DayOfWeek.MONDAY, List.of(at("08:00", "12:00"), at("11:30", "15:00")));
        hours.put(DayOfWeek.TUESDAY, List.of(at("12:00", "12:00")));
        hours.put(DayOfWeek.WEDNESDAY, List.of(at("08:00", "12:00"), at("12:00", "14:30")));
        hours.put(DayOfWeek.THURSDAY, List.of(at("08:00", "11:45")));
        OfficeSettings settings = with(s.dailyQuota(), 30, hours, s.checklist(), s.counters());
        assertThat(paths(OpeningHoursShapePolicy.check(settings))).containsExactly("openingHours.MONDAY[1].open",
                "openingHours.TUESDAY[0].close");
        assertThat(paths(SlotLengthPolicy.check(settings))).containsExactly("openingHours.THURSDAY[0]");
        assertThat(paths(OpeningHoursShapePolicy.check(with(s.dailyQuota(), 30, Map.of(), s.checklist(), s.counters()))))
                .containsExactly("openingHours");
        assertThat(paths(SlotLengthPolicy.check(with(s.dailyQuota(), 60, s.openingHours(), s.checklist(), s.counters()))))
                .containsExactly("openingHours.FRIDAY[0]");
    }

    @Test
    void rejectionsMayCarryNullDetails() {
        Rejection r = QuotaPolicy.full(java.time.LocalDate.of(2026, 12, 1), null, null);
        assertThat(r.details()).containsEntry("nextAvailable", null);
    }
}
