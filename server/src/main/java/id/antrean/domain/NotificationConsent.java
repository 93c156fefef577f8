package id.antrean.domain;

/**
 * A resident's yes to WhatsApp messages about their ticket: the version of the text they were
 * shown and the language they read it in (messages go out in that language).
 */
public record NotificationConsent(String textVersion, String language) {
    /** The consent text of the kiosk today; a changed text gets a new version. */
    public static final String CURRENT_VERSION = "wa-consent-2026-12";

    public NotificationConsent {
        if (textVersion == null || !textVersion.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("consent text version");
        }
        language = "en".equals(language) ? "en" : "id";
    }
}
