package id.antrean.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What residents and staff pick by name is never there twice: checklist codes, urgency reasons,
 * counter ids and counter names (a kiosk answer or a counter call would be ambiguous).
 */
public final class UniqueCodesPolicy {
    private UniqueCodesPolicy() {
    }

    public static List<SettingsProblem> check(OfficeSettings settings) {
        List<SettingsProblem> problems = new ArrayList<>();
        problems.addAll(unique(settings.checklist(), "checklist", "code", ChecklistItem::code));
        problems.addAll(unique(settings.urgencyReasons(), "urgencyReasons", "code", UrgencyReason::code));
        problems.addAll(unique(settings.counters(), "counters", "id", Counter::id));
        problems.addAll(unique(settings.counters(), "counters", "name",
                c -> c.name().strip().toLowerCase(Locale.ROOT)));
        return problems;
    }

    /** The second and later uses of a value are the problems; the first stays. */
    private static <T> List<SettingsProblem> unique(List<T> items, String list, String field, Function<T, String> key) {
        List<SettingsProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String value = key.apply(items.get(i));
            if (!seen.add(value)) {
                problems.add(SettingsProblem.at(list + "[" + i + "]." + field, "Sudah dipakai di atas: " + value,
                        "Already used above: " + value));
            }
        }
        return problems;
    }
}
