package id.antrean.domain;

/**
 * A finished document a resident collects at the office: the family card (KK), the printed KTP-el,
 * each civil-registration certificate (akta) the office issues, or something else.
 */
public enum DocumentType {
    KK("Kartu Keluarga (KK)", "Family card (KK)"),
    KTP_EL("KTP-el", "Electronic ID card (KTP-el)"),
    AKTA_KELAHIRAN("Akta kelahiran", "Birth certificate"),
    AKTA_KEMATIAN("Akta kematian", "Death certificate"),
    AKTA_PERKAWINAN("Akta perkawinan", "Marriage certificate"),
    AKTA_PERCERAIAN("Akta perceraian", "Divorce certificate"),
    AKTA_PENGAKUAN_ANAK("Akta pengakuan anak", "Acknowledgement of a child"),
    AKTA_PENGESAHAN_ANAK("Akta pengesahan anak", "Legitimation of a child"),
    AKTA_PENGANGKATAN_ANAK("Akta pengangkatan anak", "Adoption of a child"),
    OTHER("Dokumen lain", "Other document");

    private final Text label;

    DocumentType(String id, String en) {
        this.label = Text.of(id, en);
    }

    public Text label() {
        return label;
    }

    /** The type named by its code, case and spaces forgiven (staff type these in spreadsheets). */
    public static java.util.Optional<DocumentType> parse(String raw) {
        if (raw == null) {
            return java.util.Optional.empty();
        }
        String code = raw.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (DocumentType t : values()) {
            if (t.name().equals(code)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
