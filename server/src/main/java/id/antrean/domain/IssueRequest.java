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
        NotificationConsent consent,
        Integer slotStart) {
    public IssueRequest {
        checklist = checklist == null ? Map.of() : Map.copyOf(checklist);
    }

    /** A request for the earliest free slot (the kiosk's way); {@code slotStart} names one (booking from home). */
    public IssueRequest(String service, String nik, String urgencyReason, String urgencyNote, Map<String, Boolean> checklist,
                        PriorityGroup priorityGroup, LocalDate day, String phone, String name, Channel channel,
                        NotificationConsent consent) {
        this(service, nik, urgencyReason, urgencyNote, checklist, priorityGroup, day, phone, name, channel, consent, null);
    }

    /** The same request for the given slot (minute of the day it starts). */
    public IssueRequest inSlot(Channel via, Integer start) {
        return new IssueRequest(service, nik, urgencyReason, urgencyNote, checklist, priorityGroup, day, phone, name, via,
                consent, start);
    }

    /** A request without a yes to WhatsApp messages. */
    public IssueRequest(String service, String nik, String urgencyReason, String urgencyNote, Map<String, Boolean> checklist,
                        PriorityGroup priorityGroup, LocalDate day, String phone, String name, Channel channel) {
        this(service, nik, urgencyReason, urgencyNote, checklist, priorityGroup, day, phone, name, channel, null);
    }
}
