package id.antrean.domain;

import java.util.Map;
import java.util.Optional;

/** Only urgent recording is done in the office: the resident names one of the office's reasons. */
public final class UrgencyPolicy {
    private UrgencyPolicy() {
    }

    public static Optional<Rejection> check(OfficeSettings settings, String reason, String note) {
        if (reason == null || reason.isBlank()) {
            return reject("Pilih alasan mendesak untuk perekaman KTP-el.",
                    "Choose why the KTP-el recording is urgent.", Map.of("field", "urgency.reason"));
        }
        Optional<UrgencyReason> known = settings.urgencyReason(reason);
        if (known.isEmpty()) {
            return reject("Alasan mendesak tidak dikenal: " + reason + ".", "Unknown urgency reason: " + reason + ".",
                    Map.of("field", "urgency.reason", "allowed",
                            settings.urgencyReasons().stream().map(UrgencyReason::code).toList()));
        }
        if (known.get().needsNote() && (note == null || note.isBlank())) {
            return reject("Tuliskan alasan mendesak Anda secara singkat.", "Write your urgent reason in a few words.",
                    Map.of("field", "urgency.note"));
        }
        if (note != null && note.length() > UrgencyReason.MAX_NOTE) {
            return reject("Catatan alasan paling banyak " + UrgencyReason.MAX_NOTE + " karakter.",
                    "The note may have at most " + UrgencyReason.MAX_NOTE + " characters.",
                    Map.of("field", "urgency.note", "maxLength", UrgencyReason.MAX_NOTE));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(String id, String en, Map<String, Object> details) {
        return Optional.of(Rejection.of(RejectionCode.URGENCY_REQUIRED, Text.of(id, en), details));
    }
}
