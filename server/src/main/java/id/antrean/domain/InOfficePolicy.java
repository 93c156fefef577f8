package id.antrean.domain;

import java.util.Map;
import java.util.Optional;

/** Tickets are only for in-office services; every other service is routed to its WhatsApp number. */
public final class InOfficePolicy {
    private InOfficePolicy() {
    }

    public static Optional<Rejection> check(Service service) {
        if (service.inOffice()) {
            return Optional.empty();
        }
        WhatsAppContact wa = service.whatsapp();
        return Optional.of(Rejection.of(RejectionCode.SERVICE_NOT_IN_OFFICE,
                Text.of("Layanan " + service.name().id() + " tidak dilayani di kantor. Kirim berkas melalui WhatsApp ke "
                                + wa.display() + ".",
                        service.name().en() + " is not served in the office. Send your documents by WhatsApp to "
                                + wa.display() + "."),
                Map.of("service", service.code(),
                        "whatsapp", Map.of("number", wa.e164(), "display", wa.display(), "link", wa.link()))));
    }

    public static Rejection unknown(String code) {
        return Rejection.of(RejectionCode.UNKNOWN_SERVICE,
                Text.of("Layanan tidak dikenal: " + code + ".", "Unknown service: " + code + "."),
                Map.of("service", String.valueOf(code)));
    }
}
