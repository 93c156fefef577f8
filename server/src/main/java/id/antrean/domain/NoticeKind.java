package id.antrean.domain;

/**
 * The WhatsApp messages a resident may get about a ticket. Each is one approved template at the
 * provider; {@code template} is its default name (configurable per event).
 */
public enum NoticeKind {
    ISSUED("antrean_issued"),
    ADMITTED("antrean_admitted"),
    TURN_NEAR("antrean_turn_near"),
    CALLED("antrean_called"),
    RECALLED("antrean_called"),
    NO_SHOW("antrean_no_show"),
    REFUSED("antrean_refused"),
    CANCELLED("antrean_cancelled"),
    REMINDER_EVENING("antrean_reminder_evening"),
    REMINDER_HOUR("antrean_reminder_hour"),
    // Document pickup (about a document, not a ticket): ready with a slot and a code, moved, two
    // reminders when not collected, and returned to the archive.
    PICKUP_READY("antrean_pickup_ready"),
    PICKUP_MOVED("antrean_pickup_moved"),
    PICKUP_REMINDER("antrean_pickup_reminder"),
    PICKUP_LAST_REMINDER("antrean_pickup_last_reminder"),
    PICKUP_ARCHIVED("antrean_pickup_archived");

    private final String template;

    NoticeKind(String template) {
        this.template = template;
    }

    /** Whether the message is about a finished document (its row names a document, not a ticket). */
    public boolean aboutPickup() {
        return name().startsWith("PICKUP_");
    }

    /** The template name used when configuration names none. */
    public String defaultTemplate() {
        return template;
    }

    /** The configuration key of this kind's template name, e.g. {@code turn.near}. */
    public String configKey() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }
}
