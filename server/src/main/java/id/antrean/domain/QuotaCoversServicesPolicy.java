package id.antrean.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daily quota names exactly the office's in-office services: each one has a quota (0 pauses
 * it), and no quota is set for a service that does not exist or is handled by WhatsApp.
 */
public final class QuotaCoversServicesPolicy {
    private QuotaCoversServicesPolicy() {
    }

    public static List<SettingsProblem> check(OfficeSettings settings, List<Service> services) {
        List<SettingsProblem> problems = new ArrayList<>();
        for (Service service : services) {
            if (service.inOffice() && !settings.dailyQuota().containsKey(service.code())) {
                problems.add(SettingsProblem.at("dailyQuota." + service.code(),
                        "Wajib diisi: kuota harian untuk " + service.name().id(),
                        "Required: a daily quota for " + service.name().en()));
            }
        }
        settings.dailyQuota().keySet().stream().sorted().forEach(code -> {
            Optional<Service> service = services.stream().filter(s -> s.code().equals(code)).findFirst();
            if (service.isEmpty()) {
                problems.add(SettingsProblem.at("dailyQuota." + code,
                        "Layanan tidak dikenal: " + code, "No such service: " + code));
            } else if (!service.get().inOffice()) {
                problems.add(SettingsProblem.at("dailyQuota." + code,
                        service.get().name().id() + " dilayani lewat WhatsApp, tanpa kuota",
                        service.get().name().en() + " is handled by WhatsApp and has no quota"));
            }
        });
        return problems;
    }
}
