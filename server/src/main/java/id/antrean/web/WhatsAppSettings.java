package id.antrean.web;

import java.util.EnumMap;
import java.util.Map;

import id.antrean.domain.NoticeKind;
import io.helidon.config.Config;

/**
 * The WhatsApp Business Cloud API connection, from {@code antrean.whatsapp.*} (environment
 * variables ANTREAN_WHATSAPP_*). Holds secrets: {@link #toString()} never shows them.
 */
public final class WhatsAppSettings {
    private final String baseUrl;
    private final String version;
    private final String phoneNumberId;
    private final String accessToken;
    private final String appSecret;
    private final String verifyToken;
    private final Map<NoticeKind, String> templates;

    public WhatsAppSettings(String baseUrl, String version, String phoneNumberId, String accessToken, String appSecret,
                            String verifyToken, Map<NoticeKind, String> templates) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.version = version;
        this.phoneNumberId = phoneNumberId;
        this.accessToken = accessToken;
        this.appSecret = appSecret;
        this.verifyToken = verifyToken;
        this.templates = Map.copyOf(templates);
    }

    public static WhatsAppSettings from(Config wa) {
        Map<NoticeKind, String> templates = new EnumMap<>(NoticeKind.class);
        for (NoticeKind k : NoticeKind.values()) {
            templates.put(k, wa.get("template").get(k.configKey()).asString().filter(s -> !s.isBlank())
                    .orElse(k.defaultTemplate()));
        }
        return new WhatsAppSettings(text(wa, "base.url", "https://graph.facebook.com"), text(wa, "version", "v23.0"),
                text(wa, "phone.number.id", ""), text(wa, "access.token", ""), text(wa, "app.secret", ""),
                text(wa, "verify.token", ""), templates);
    }

    private static String text(Config c, String key, String fallback) {
        return c.get(key).asString().map(String::strip).filter(s -> !s.isBlank()).orElse(fallback);
    }

    /** Number, token and app secret are all set (the webhook needs the secret to trust anything). */
    public boolean configured() {
        return !phoneNumberId.isEmpty() && !accessToken.isEmpty() && !appSecret.isEmpty();
    }

    public String messagesUrl() {
        return baseUrl + "/" + version + "/" + phoneNumberId + "/messages";
    }

    String accessToken() {
        return accessToken;
    }

    String appSecret() {
        return appSecret;
    }

    String verifyToken() {
        return verifyToken;
    }

    public String template(NoticeKind kind) {
        return templates.get(kind);
    }

    public Map<NoticeKind, String> templates() {
        return templates;
    }

    @Override
    public String toString() {
        return "WhatsApp Cloud API at " + baseUrl + "/" + version + ", number id "
                + (phoneNumberId.isEmpty() ? "(unset)" : phoneNumberId) + ", token " + (accessToken.isEmpty() ? "(unset)" : "(set)")
                + ", app secret " + (appSecret.isEmpty() ? "(unset)" : "(set)");
    }
}
