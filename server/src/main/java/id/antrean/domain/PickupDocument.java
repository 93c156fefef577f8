package id.antrean.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A finished document waiting to be collected (dokumen siap diambil), with its pickup appointment.
 * Of the NIK only the last four digits are known (staff compare them with the ID card shown).
 * Name, WhatsApp number and the representative's name are personal data, erased by retention
 * after collection (then null).
 */
public record PickupDocument(long id, String officeId, DocumentType type, String reference, String residentName,
                             String phone, String nikLast4, String linkToken, PickupState state, LocalDate day,
                             Slot slot, int reschedules, int remindersSent, String representativeName,
                             String representativeRelation, Instant registeredAt, String registeredBy,
                             Long ticketId, Instant collectedAt, Collector collector, String collectedBy,
                             Instant archivedAt, String language) {
}
