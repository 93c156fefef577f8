package id.antrean.domain;

import java.util.ArrayList;
import java.util.List;

/** The pickup settings an admin may save: every number in its range, counters that exist. */
public final class PickupSettingsPolicy {
    private PickupSettingsPolicy() {
    }

    /** Every problem, each at its field; empty when the settings may be saved. */
    public static List<SettingsProblem> problems(PickupSettings s, OfficeSettings office) {
        List<SettingsProblem> p = new ArrayList<>();
        range(p, "slotMinutes", s.slotMinutes(), 5, 240);
        range(p, "slotCapacity", s.slotCapacity(), 1, 1000);
        range(p, "dayCapacity", s.dayCapacity(), 1, 10000);
        range(p, "horizonDays", s.horizonDays(), 1, 60);
        range(p, "leadDays", s.leadDays(), 0, 14);
        range(p, "overdueDays", s.overdueDays(), 1, 60);
        range(p, "secondReminderDays", s.secondReminderDays(), 1, 60);
        range(p, "archiveDays", s.archiveDays(), 1, 180);
        if (s.leadDays() > s.horizonDays()) {
            p.add(SettingsProblem.at("leadDays", "Tidak boleh lebih dari horizonDays", "Must not exceed horizonDays"));
        }
        for (String counter : s.counterServes().keySet()) {
            if (office.counter(counter).isEmpty()) {
                p.add(SettingsProblem.at("counterServes." + counter, "Loket tidak ada di pengaturan kantor",
                        "No such counter in the office settings"));
            }
        }
        boolean anyPickup = office.counters().stream().anyMatch(c -> s.serves(c.id()).pickups());
        boolean anyRecording = office.counters().stream().anyMatch(c -> s.serves(c.id()).recording());
        if (!anyPickup || !anyRecording) {
            p.add(SettingsProblem.at("counterServes", "Minimal satu loket untuk perekaman dan satu untuk pengambilan",
                    "At least one counter must serve recording and one pickup"));
        }
        return p;
    }

    private static void range(List<SettingsProblem> p, String field, int value, int min, int max) {
        if (value < min || value > max) {
            p.add(SettingsProblem.at(field, "Harus bilangan bulat " + min + "–" + max, "Must be a whole number " + min + "–" + max));
        }
    }
}
