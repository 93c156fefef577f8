package id.antrean.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kiosk's health checklist keeps what the circular requires of everyone let in: a mask and
 * gloves (the items {@link PpePolicy#REQUIRED}), each a required item.
 */
public final class PpeChecklistPolicy {
    private PpeChecklistPolicy() {
    }

    public static List<SettingsProblem> check(OfficeSettings settings) {
        List<SettingsProblem> problems = new ArrayList<>();
        List<ChecklistItem> items = settings.checklist();
        for (String code : PpePolicy.REQUIRED) {
            Optional<ChecklistItem> item = items.stream().filter(i -> i.code().equals(code)).findFirst();
            if (item.isEmpty()) {
                problems.add(SettingsProblem.at("checklist",
                        "Butir " + code + " wajib ada (surat edaran: masker dan sarung tangan)",
                        "The item " + code + " must be there (the circular: mask and gloves)"));
            } else if (!item.get().required()) {
                problems.add(SettingsProblem.at("checklist[" + items.indexOf(item.get()) + "].required",
                        "Butir " + code + " harus wajib (surat edaran)", "The item " + code + " must be required (the circular)"));
            }
        }
        return problems;
    }
}
