package id.antrean.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An office profile is whole and sensible: a name in both languages, every service named once and
 * known, a WhatsApp-only service with a number residents can write to (written as Indonesians do,
 * "0878-9456-7172", or as +62…), instructions short enough for the kiosk's slip.
 */
public final class OfficeProfilePolicy {
    public static final int MAX_NAME = 200;
    public static final int MAX_INSTRUCTIONS = 500;

    private OfficeProfilePolicy() {
    }

    /** "0878-9456-7172", "62 878 9456 7172" or "+6287894567172" as E.164; null when it is not a phone number. */
    public static String e164(String typed) {
        if (typed == null) {
            return null;
        }
        String digits = typed.strip().replaceAll("[\\s.()-]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("0")) {
            digits = "62" + digits.substring(1);
        }
        return digits.matches("[1-9][0-9]{7,14}") ? "+" + digits : null;
    }

    public static List<SettingsProblem> check(OfficeProfile p, List<Service> services) {
        List<SettingsProblem> problems = new ArrayList<>();
        text(problems, "name.id", p.name() == null ? null : p.name().id(), MAX_NAME, "Nama kantor (Indonesia)", "The office's name (Indonesian)", true);
        text(problems, "name.en", p.name() == null ? null : p.name().en(), MAX_NAME, "Nama kantor (Inggris)", "The office's name (English)", true);
        Map<String, Service> known = services.stream().collect(Collectors.toMap(Service::code, s -> s));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < p.services().size(); i++) {
            OfficeProfile.ServiceContact c = p.services().get(i);
            String at = "services[" + i + "]";
            Service s = c.code() == null ? null : known.get(c.code());
            if (s == null || !seen.add(c.code())) {
                problems.add(SettingsProblem.at(at + ".code", "Layanan tidak dikenal atau ganda: " + c.code() + ".",
                        "Unknown or repeated service: " + c.code() + "."));
                continue;
            }
            if (c.whatsapp() != null && e164(c.whatsapp()) == null) {
                problems.add(SettingsProblem.at(at + ".whatsapp", "Nomor WhatsApp tidak sah; tulis seperti 0878-9456-7172.",
                        "Not a valid WhatsApp number; write it like 0878-9456-7172."));
            } else if (c.whatsapp() == null && !s.inOffice()) {
                problems.add(SettingsProblem.at(at + ".whatsapp", "Layanan ini hanya lewat WhatsApp: nomornya wajib diisi.",
                        "This service is by WhatsApp only: its number is required."));
            }
            if (c.instructions() != null) {
                text(problems, at + ".instructions.id", c.instructions().id(), MAX_INSTRUCTIONS, "Petunjuk (Indonesia)", "Instructions (Indonesian)", false);
                text(problems, at + ".instructions.en", c.instructions().en(), MAX_INSTRUCTIONS, "Petunjuk (Inggris)", "Instructions (English)", false);
            }
        }
        return problems;
    }

    private static void text(List<SettingsProblem> problems, String path, String v, int max, String id, String en, boolean required) {
        if (v == null || v.isBlank()) {
            if (required) {
                problems.add(SettingsProblem.at(path, id + " wajib diisi.", en + " is required."));
            }
        } else if (v.length() > max || v.chars().anyMatch(ch -> ch < 0x20 && ch != '\n')) {
            problems.add(SettingsProblem.at(path, id + ": paling banyak " + max + " karakter, tanpa karakter kontrol.",
                    en + ": at most " + max + " characters, no control characters."));
        }
    }
}
