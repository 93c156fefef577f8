package id.antrean.domain;

/** Residents served before others in the same queue (the office's priority groups). */
public enum PriorityGroup {
    ELDERLY(Text.of("Lansia (60 tahun ke atas)", "Elderly (60 or older)")),
    DISABLED(Text.of("Penyandang disabilitas", "Person with a disability")),
    PREGNANT(Text.of("Ibu hamil", "Pregnant woman"));

    private final Text label;

    PriorityGroup(Text label) {
        this.label = label;
    }

    public Text label() {
        return label;
    }

    /** Sort key: every priority group before everyone else. */
    public static int rank(PriorityGroup group) {
        return group == null ? 1 : 0;
    }
}
