package id.antrean.domain;

/**
 * Something a resident can ask the office for. In-office services get a ticket with a prefix
 * ("A-001"); the others are handled by WhatsApp only, at the number given, with what to send.
 */
public record Service(String code, boolean inOffice, String ticketPrefix, WhatsAppContact whatsapp, Text name,
                      Text whatToSend) {
    public static final String KTP_EL_RECORDING = "KTP_EL_RECORDING";
}
