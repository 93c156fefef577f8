package id.antrean.domain;

/**
 * Whether a counter (loket) takes residents now. Staff set it; the display shows a counter on
 * break or closed, so nobody waits for a counter that will not call.
 */
public enum CounterStatus {
    OPEN(Text.of("Buka", "Open")),
    BREAK(Text.of("Istirahat", "On break")),
    CLOSED(Text.of("Tutup", "Closed"));

    private final Text label;

    CounterStatus(Text label) {
        this.label = label;
    }

    public Text label() {
        return label;
    }

    /** The status named by a client, or null for anything else. */
    public static CounterStatus parse(String name) {
        if (name == null) {
            return null;
        }
        for (CounterStatus s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
