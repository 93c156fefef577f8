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
                Map.of("service", service.code(), "whatsapp", whatsapp(service))));
    }

    /** The contact in the shape clients know from the service list. */
    static Map<String, Object> whatsapp(Service service) {
        WhatsAppContact wa = service.whatsapp();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("number", wa.e164());
        m.put("display", wa.display());
        m.put("link", wa.link());
        m.put("instructions", service.whatToSend() == null ? null
                : Map.of("id", service.whatToSend().id(), "en", service.whatToSend().en()));
        return m;
    }

    public static Rejection unknown(String code) {
        return Rejection.of(RejectionCode.UNKNOWN_SERVICE,
                Text.of("Layanan tidak dikenal: " + code + ".", "Unknown service: " + code + "."),
                Map.of("service", String.valueOf(code)));
    }
}
