package id.antrean.domain;

import java.time.LocalDate;
import java.util.Map;

/** What a resident asks for at the kiosk (or another channel) to get a ticket. */
public record IssueRequest(
        String service,
        String nik,
        String urgencyReason,
        String urgencyNote,
        Map<String, Boolean> checklist,
        PriorityGroup priorityGroup,
        LocalDate day,
        String phone,
        String name,
        Channel channel,
        NotificationConsent consent) {
    public IssueRequest {
        checklist = checklist == null ? Map.of() : Map.copyOf(checklist);
    }

    /** A request without a yes to WhatsApp messages. */
    public IssueRequest(String service, String nik, String urgencyReason, String urgencyNote, Map<String, Boolean> checklist,
                        PriorityGroup priorityGroup, LocalDate day, String phone, String name, Channel channel) {
        this(service, nik, urgencyReason, urgencyNote, checklist, priorityGroup, day, phone, name, channel, null);
    }
}
