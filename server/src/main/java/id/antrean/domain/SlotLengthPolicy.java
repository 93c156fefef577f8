package id.antrean.domain;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;

/**
 * Every opening interval holds whole slots. A shorter last slot would get a full slot's people
 * in less time, so the slot length must divide each interval's length.
 */
public final class SlotLengthPolicy {
    private SlotLengthPolicy() {
    }

    public static List<SettingsProblem> check(OfficeSettings settings) {
        List<SettingsProblem> problems = new ArrayList<>();
        int slot = settings.slotMinutes();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpeningInterval> intervals = settings.openingHours().getOrDefault(day, List.of());
            for (int i = 0; i < intervals.size(); i++) {
                OpeningInterval interval = intervals.get(i);
                int minutes = (interval.close().toSecondOfDay() - interval.open().toSecondOfDay()) / 60;
                if (minutes > 0 && minutes % slot != 0) {
                    problems.add(SettingsProblem.at("openingHours." + day + "[" + i + "]",
                            interval.open() + "–" + interval.close() + " (" + minutes + " menit) tidak habis dibagi slot "
                                    + slot + " menit",
                            interval.open() + "–" + interval.close() + " (" + minutes + " minutes) does not hold whole "
                                    + slot + "-minute slots"));
                }
            }
        }
        return problems;
    }
}
