package id.antrean.domain;

/** Where a ticket was asked for: the door kiosk, a phone, a staff member, or another system. */
public enum Channel {
    KIOSK, MOBILE, STAFF, API
}
