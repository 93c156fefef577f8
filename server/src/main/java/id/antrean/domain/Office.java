package id.antrean.domain;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * An office with its services and its current settings, as of one revision of them: rules that
 * must not mix two versions of the settings (slots, quota) carry the revision to where they are enforced.
 */
public record Office(String id, Text name, ZoneId zone, String nikRegion, List<Service> services,
                     OfficeSettings settings, long revision) {
    public Office {
        services = List.copyOf(services);
    }

    public Optional<Service> service(String code) {
        return services.stream().filter(s -> s.code().equals(code)).findFirst();
    }
}
