package id.antrean.domain;

import java.util.List;

/**
 * What residents read about the office and where to send what: its name, and per service the
 * WhatsApp number and the instructions ("what to send"). Edited by admins beside the settings.
 */
public record OfficeProfile(Text name, List<ServiceContact> services) {
    public OfficeProfile {
        services = List.copyOf(services);
    }

    /** One service's WhatsApp number (E.164, or null for none) and instructions (null for none). */
    public record ServiceContact(String code, String whatsapp, Text instructions) {
    }
}
