package id.antrean.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before recording starts, staff confirm the resident wears a mask and gloves (alat pelindung
 * diri, APD) and, when measured, has no fever.
 */
public final class PpePolicy {
    public static final List<String> REQUIRED = List.of("MASK", "GLOVES");
    /** From 37.5 °C a resident is treated as having a fever. */
    public static final BigDecimal FEVER = new BigDecimal("37.5");

    private PpePolicy() {
    }

    public static Optional<Rejection> check(Map<String, Boolean> ppe, BigDecimal temperatureC) {
        List<String> missing = new ArrayList<>();
        for (String item : REQUIRED) {
            if (ppe == null || !Boolean.TRUE.equals(ppe.get(item))) {
                missing.add(item);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(Rejection.of(RejectionCode.HEALTH_PROTOCOL,
                    Text.of("Masker dan sarung tangan harus dipastikan sebelum perekaman dimulai.",
                            "Mask and gloves must be confirmed before recording starts."),
                    Map.of("missing", missing)));
        }
        if (temperatureC != null) {
            if (temperatureC.compareTo(new BigDecimal("30")) < 0 || temperatureC.compareTo(new BigDecimal("45")) > 0) {
                return Optional.of(Rejection.of(RejectionCode.INVALID_REQUEST,
                        Text.of("Suhu tubuh harus antara 30 dan 45 °C.", "The temperature must be between 30 and 45 °C."),
                        Map.of("field", "temperatureC")));
            }
            if (temperatureC.compareTo(FEVER) >= 0) {
                return Optional.of(Rejection.of(RejectionCode.HEALTH_PROTOCOL,
                        Text.of("Suhu tubuh " + temperatureC.toPlainString().replace('.', ',') + " °C: demam. Tolak dengan alasan gejala.",
                                "Temperature " + temperatureC + " °C: fever. Refuse with the reason symptoms."),
                        Map.of("missing", List.of("NO_SYMPTOMS"), "temperatureC", temperatureC, "limit", FEVER)));
            }
        }
        return Optional.empty();
    }
}
