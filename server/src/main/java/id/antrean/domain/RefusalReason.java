package id.antrean.domain;

import java.util.Locale;

/**
 * Why staff turned a resident away at the counter. The ticket keeps the Indonesian words staff
 * chose; reports count them by these reasons ("Lainnya: …" and any older free text as OTHER, so a
 * typed note never reaches a report).
 */
public enum RefusalReason {
    NO_MASK(Text.of("Tanpa masker", "No mask")),
    NO_GLOVES(Text.of("Tanpa sarung tangan", "No gloves")),
    SYMPTOMS(Text.of("Bergejala (demam, batuk, sesak napas)", "Has symptoms (fever, cough, shortness of breath)")),
    NOT_URGENT(Text.of("Tidak mendesak", "Not urgent")),
    OTHER(Text.of("Lainnya", "Other"));

    private final Text label;

    RefusalReason(Text label) {
        this.label = label;
    }

    public Text label() {
        return label;
    }

    /** The reason a stored refusal text stands for. */
    public static RefusalReason of(String stored) {
        if (stored == null) {
            return OTHER;
        }
        String s = stored.strip().toLowerCase(Locale.ROOT);
        for (RefusalReason r : values()) {
            if (r != OTHER && s.equals(r.label.id().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        return OTHER;
    }
}
