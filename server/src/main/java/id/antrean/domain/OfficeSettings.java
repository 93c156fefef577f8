package id.antrean.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an admin can change about how an office runs. One document, read fresh for each
 * request so a change is in force on every node at once.
 */
public record OfficeSettings(
        Map<String, Integer> dailyQuota,
        int slotMinutes,
        int slotCapacity,
        int roomCapacity,
        int bookingHorizonDays,
        Map<DayOfWeek, List<OpeningInterval>> openingHours,
        List<LocalDate> holidays,
        List<ChecklistItem> checklist,
        List<UrgencyReason> urgencyReasons,
        List<Counter> counters,
        NikRegionPolicyMode nikRegionPolicy,
        boolean kioskAskName,
        DisplaySettings display) {

    /** Without the kiosk's and the displays' options: no name asked, no notice, speech. */
    public OfficeSettings(Map<String, Integer> dailyQuota, int slotMinutes, int slotCapacity, int roomCapacity,
                          int bookingHorizonDays, Map<DayOfWeek, List<OpeningInterval>> openingHours,
                          List<LocalDate> holidays, List<ChecklistItem> checklist, List<UrgencyReason> urgencyReasons,
                          List<Counter> counters, NikRegionPolicyMode nikRegionPolicy) {
        this(dailyQuota, slotMinutes, slotCapacity, roomCapacity, bookingHorizonDays, openingHours, holidays, checklist,
                urgencyReasons, counters, nikRegionPolicy, false, DisplaySettings.DEFAULT);
    }

    public OfficeSettings {
        display = display == null ? DisplaySettings.DEFAULT : display;
        dailyQuota = Map.copyOf(dailyQuota);
        openingHours = Map.copyOf(openingHours);
        holidays = List.copyOf(holidays);
        checklist = List.copyOf(checklist);
        urgencyReasons = List.copyOf(urgencyReasons);
        counters = List.copyOf(counters);
    }

    public int quota(String service) {
        return dailyQuota.getOrDefault(service, 0);
    }

    /** The opening intervals of a date: none on holidays and on days without hours. */
    public List<OpeningInterval> hoursOn(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        return openingHours.getOrDefault(day.getDayOfWeek(), List.of());
    }

    public Optional<Counter> counter(String id) {
        return counters.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<UrgencyReason> urgencyReason(String code) {
        return urgencyReasons.stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
