package id.antrean.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules between fields of a settings document, after its shape has been checked. An empty
 * list allows the document; otherwise every problem found is listed, not just the first.
 */
public final class SettingsPolicies {
    private SettingsPolicies() {
    }

    public static List<SettingsProblem> check(OfficeSettings settings, List<Service> services) {
        List<SettingsProblem> problems = new ArrayList<>();
        problems.addAll(QuotaCoversServicesPolicy.check(settings, services));
        problems.addAll(PpeChecklistPolicy.check(settings));
        problems.addAll(UniqueCodesPolicy.check(settings));
        problems.addAll(OpeningHoursShapePolicy.check(settings));
        problems.addAll(SlotLengthPolicy.check(settings));
        return problems;
    }
}
