package id.antrean.domain;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;

/**
 * Opening hours a day can be cut into slots by: each interval closes after it opens, the
 * intervals of a day come in order without overlapping, and the office opens on some day.
 */
public final class OpeningHoursShapePolicy {
    private OpeningHoursShapePolicy() {
    }

    public static List<SettingsProblem> check(OfficeSettings settings) {
        List<SettingsProblem> problems = new ArrayList<>();
        boolean anyOpen = false;
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpeningInterval> intervals = settings.openingHours().getOrDefault(day, List.of());
            OpeningInterval previous = null;
            for (int i = 0; i < intervals.size(); i++) {
                OpeningInterval interval = intervals.get(i);
                String path = "openingHours." + day + "[" + i + "]";
                if (!interval.open().isBefore(interval.close())) {
                    problems.add(SettingsProblem.at(path + ".close", "Jam tutup harus setelah jam buka",
                            "Closing must be after opening"));
                    continue;
                }
                if (previous != null && interval.open().isBefore(previous.close())) {
                    problems.add(SettingsProblem.at(path + ".open",
                            "Tumpang tindih dengan jam sebelumnya (tutup " + previous.close() + "); urutkan dari pagi",
                            "Overlaps the interval before (closing " + previous.close() + "); list them from the morning"));
                    continue;
                }
                previous = interval;
                anyOpen = true;
            }
        }
        if (!anyOpen && problems.isEmpty()) {
            problems.add(SettingsProblem.at("openingHours", "Kantor harus buka paling sedikit satu hari dalam seminggu",
                    "The office must open on at least one day of the week"));
        }
        return problems;
    }
}
