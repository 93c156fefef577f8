package id.antrean.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import id.antrean.domain.Channel;
import id.antrean.domain.IssueRequest;
import id.antrean.domain.PriorityGroup;
import id.antrean.domain.Text;

/** The JSON body of a ticket request, checked for form before the office's rules see it. */
record TicketRequestBody(String service, String nik, Urgency urgency, Map<String, Boolean> checklist,
                         String priorityGroup, String day, String phone, String name, String channel,
                         WhatsAppConsent whatsappConsent) {

    record Urgency(String reason, String note) {
    }

    /** The resident said yes to WhatsApp messages after reading the text of this version, in this language. */
    record WhatsAppConsent(String version, String language) {
    }

    IssueRequest toRequest() {
        if (service == null || service.isBlank()) {
            throw invalid("service", "Pilih layanan.", "Choose a service.");
        }
        PriorityGroup group = null;
        if (priorityGroup != null && !priorityGroup.isBlank()) {
            try {
                group = PriorityGroup.valueOf(priorityGroup.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("priorityGroup", "Kelompok prioritas tidak dikenal.", "Unknown priority group.");
            }
        }
        LocalDate date = null;
        if (day != null && !day.isBlank()) {
            try {
                date = LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                throw invalid("day", "Tanggal harus berbentuk YYYY-MM-DD.", "The day must be written YYYY-MM-DD.");
            }
        }
        Channel via = Channel.KIOSK;
        if (channel != null && !channel.isBlank()) {
            try {
                via = Channel.valueOf(channel.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("channel", "Saluran tidak dikenal.", "Unknown channel.");
            }
        }
        if (name != null && name.length() > 100) {
            throw invalid("name", "Nama paling banyak 100 karakter.", "The name may have at most 100 characters.");
        }
        Map<String, Boolean> answers = new HashMap<>();
        if (checklist != null) {
            checklist.forEach((k, v) -> {
                if (k != null && v != null) {
                    answers.put(k, v);
                }
            });
        }
        return new IssueRequest(service.strip(), nik == null ? null : nik.replaceAll("[\\s.-]", ""),
                urgency == null ? null : urgency.reason(), urgency == null ? null : urgency.note(), answers, group, date,
                phone(phone), name, via, consent());
    }

    private id.antrean.domain.NotificationConsent consent() {
        if (whatsappConsent == null) {
            return null;
        }
        if (phone == null || phone.isBlank()) {
            throw invalid("whatsappConsent", "Persetujuan pesan WhatsApp butuh nomor WhatsApp.",
                    "Consent to WhatsApp messages needs a WhatsApp number.");
        }
        try {
            return new id.antrean.domain.NotificationConsent(whatsappConsent.version(), whatsappConsent.language());
        } catch (IllegalArgumentException e) {
            throw invalid("whatsappConsent", "Versi teks persetujuan tidak dikenal.", "Unknown consent text version.");
        }
    }

    /** An Indonesian mobile number in E.164 (+628…), or null when none was given. */
    static String phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String digits = raw.replaceAll("[\\s().-]", "");
        if (digits.startsWith("+62")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("62")) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0")) {
            digits = digits.substring(1);
        }
        if (!digits.matches("8[1-9][0-9]{6,11}")) {
            throw invalid("phone", "Nomor WhatsApp harus nomor ponsel Indonesia, mis. 0812-3456-7890.",
                    "The WhatsApp number must be an Indonesian mobile number, e.g. 0812-3456-7890.");
        }
        return "+62" + digits;
    }

    private static ApiError invalid(String field, String id, String en) {
        return new ApiError(io.helidon.http.Status.UNPROCESSABLE_CONTENT_422, "INVALID_REQUEST", Text.of(id, en),
                Map.of("field", field));
    }
}
