package id.antrean.domain;

import java.time.Instant;

/**
 * The booking side of a ticket taken on a phone (issue 15): its short code, and whether its
 * resident has checked in at the door. Until then it takes no waiting-room place.
 */
public record Booking(long ticketId, String shortCode, boolean awaitsCheckIn, Instant checkedInAt) {
    /** Taken at the kiosk or by staff: the resident was at the door already. */
    public boolean atTheDoor() {
        return shortCode == null && !awaitsCheckIn && checkedInAt == null;
    }
}
