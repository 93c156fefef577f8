package id.antrean.domain;

/**
 * Where a finished document is: waiting at the office with a pickup appointment (ready), handed
 * over, or sent back to the archive after it was not collected despite two reminders.
 */
public enum PickupState {
    READY(Text.of("Siap diambil", "Ready")),
    COLLECTED(Text.of("Sudah diambil", "Picked up")),
    ARCHIVED(Text.of("Dikembalikan ke arsip", "Returned to the archive"));

    private final Text label;

    PickupState(Text label) {
        this.label = label;
    }

    public Text label() {
        return label;
    }
}
