package id.antrean.domain;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** An office with its services and its current settings. */
public record Office(String id, Text name, ZoneId zone, String nikRegion, List<Service> services,
                     OfficeSettings settings) {
    public Office {
        services = List.copyOf(services);
    }

    public Optional<Service> service(String code) {
        return services.stream().filter(s -> s.code().equals(code)).findFirst();
    }
}
