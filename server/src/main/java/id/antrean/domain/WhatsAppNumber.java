package id.antrean.domain;

import java.util.Optional;

/**
 * An Indonesian mobile number as residents and staff write it (0812-3456-7890, +62 812 3456 7890,
 * 62812…), in the one form the WhatsApp Cloud API and the database use: +62 and 9–12 digits.
 */
public final class WhatsAppNumber {
    private WhatsAppNumber() {
    }

    public static Optional<String> normalise(String raw) {
        if (raw == null || raw.length() > 30) {
            return Optional.empty();
        }
        String digits = raw.strip().replaceAll("[\\s.()-]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("0")) {
            digits = "62" + digits.substring(1);
        }
        if (!digits.matches("628[0-9]{8,11}")) {
            return Optional.empty();
        }
        return Optional.of("+" + digits);
    }
}
