package id.antrean.domain;

import java.util.List;
import java.util.Optional;

/**
 * Why staff turned a resident away at the counter, with what to do or bring next time, in both
 * languages. The counter console stores the reason as its Indonesian label ("Tanpa sarung tangan",
 * or "Lainnya: …" with the staff member's own words); this catalogue turns that back into both
 * languages, so the resident's English line never repeats the Indonesian words.
 */
public record RefusalReason(String code, Text label, Text nextTime) {
    public static final String OTHER = "OTHER";

    private static final Text BRING = Text.of(
            "Bawa KTP-el atau Kartu Keluarga (KK), pakai masker dan sarung tangan, lalu ambil nomor antrean baru di kiosk.",
            "Bring your KTP-el or family card (KK), wear a mask and gloves, then take a new number at the kiosk.");

    public static final List<RefusalReason> ALL = List.of(
            new RefusalReason("NO_MASK", Text.of("Tanpa masker", "No mask"), Text.of(
                    "Datang kembali dengan memakai masker yang menutup hidung dan mulut. " + BRING.id(),
                    "Come back wearing a mask over nose and mouth. " + BRING.en())),
            new RefusalReason("NO_GLOVES", Text.of("Tanpa sarung tangan", "No gloves"), Text.of(
                    "Datang kembali dengan membawa dan memakai sarung tangan. " + BRING.id(),
                    "Come back with gloves and wear them. " + BRING.en())),
            new RefusalReason("SYMPTOMS", Text.of("Bergejala (demam, batuk, sesak napas)",
                    "Has symptoms (fever, cough, shortness of breath)"), Text.of(
                    "Periksakan diri ke puskesmas dan datang kembali setelah sehat (tanpa demam, batuk, sesak napas). " + BRING.id(),
                    "See a health centre (puskesmas) and come back when well (no fever, cough or shortness of breath). " + BRING.en())),
            new RefusalReason("NOT_URGENT", Text.of("Tidak mendesak", "Not urgent"), Text.of(
                    "Layanan ini tidak dilayani di kantor saat ini. Ajukan lewat WhatsApp kantor; nomornya ada di kiosk.",
                    "This service is not handled in the office for now. Apply by the office's WhatsApp; the kiosk shows the number.")),
            new RefusalReason(OTHER, Text.of("Lainnya", "Other"), Text.of(
                    "Tanyakan kepada petugas apa yang perlu dibawa. " + BRING.id(),
                    "Ask the staff what to bring. " + BRING.en())));

    public static Optional<RefusalReason> byCode(String code) {
        return ALL.stream().filter(r -> r.code.equals(code)).findFirst();
    }

    /** The reason of a stored refusal text: a label of the catalogue (either language), else OTHER. */
    public static RefusalReason ofStored(String stored) {
        String s = stored == null ? "" : stored.strip();
        return ALL.stream()
                .filter(r -> s.equalsIgnoreCase(r.label.id()) || s.equalsIgnoreCase(r.label.en()))
                .findFirst()
                .orElseGet(() -> byCode(OTHER).orElseThrow());
    }

    /**
     * What the resident reads as the reason. A catalogued reason in both languages; staff's own
     * words ("Lainnya: …") are Indonesian only, so the English line says so instead of copying them.
     */
    public static Text shownFor(String stored) {
        RefusalReason r = ofStored(stored);
        if (!r.code.equals(OTHER) || stored == null || stored.isBlank()) {
            return r.label;
        }
        String words = stored.strip().replaceFirst("(?i)^lainnya\\s*:\\s*", "");
        return words.isBlank() ? r.label : Text.of(words, "given by the staff in Indonesian above");
    }
}
