package id.antrean.domain;

/** Every reason the office can turn a request down, grouped by whose move it is next. */
public enum RejectionCode {
    // The request itself is wrong: the resident or client must change it.
    INVALID_NIK(Kind.INVALID),
    HEALTH_PROTOCOL(Kind.INVALID),
    URGENCY_REQUIRED(Kind.INVALID),
    SERVICE_NOT_IN_OFFICE(Kind.INVALID),
    UNKNOWN_SERVICE(Kind.INVALID),
    INVALID_REQUEST(Kind.INVALID),
    INVALID_SETTINGS(Kind.INVALID),
    INVALID_PASSWORD(Kind.INVALID),
    PASSWORD_CONTAINS_USERNAME(Kind.INVALID),
    DAY_OUT_OF_RANGE(Kind.INVALID),
    IDEMPOTENCY_KEY_REUSED(Kind.INVALID),
    INVALID_RANGE(Kind.INVALID),
    INVALID_SURVEY_ANSWER(Kind.INVALID),
    // The request is fine but the office's state does not allow it now.
    OFFICE_CLOSED(Kind.CONFLICT),
    ALREADY_HAS_TICKET(Kind.CONFLICT),
    QUOTA_FULL(Kind.CONFLICT),
    INVALID_STATE(Kind.CONFLICT),
    COUNTER_BUSY(Kind.CONFLICT),
    // Document pickup
    PICKUP_FULL(Kind.CONFLICT),
    PICKUP_NOT_READY(Kind.CONFLICT),
    PICKUP_NOT_TODAY(Kind.CONFLICT),
    PICKUP_DUPLICATE(Kind.CONFLICT),
    STAFF_EXISTS(Kind.CONFLICT),
    SURVEY_NOT_OPEN(Kind.CONFLICT),
    SURVEY_ALREADY_ANSWERED(Kind.CONFLICT),
    // Something named does not exist.
    OFFICE_NOT_FOUND(Kind.NOT_FOUND),
    TICKET_NOT_FOUND(Kind.NOT_FOUND),
    COUNTER_NOT_FOUND(Kind.NOT_FOUND),
    STAFF_NOT_FOUND(Kind.NOT_FOUND),
    PICKUP_NOT_FOUND(Kind.NOT_FOUND),
    // Who is asking.
    NOT_LOGGED_IN(Kind.UNAUTHENTICATED),
    LOGIN_FAILED(Kind.UNAUTHENTICATED),
    // Too many attempts: the client must wait (the answer says how long).
    LOGIN_LOCKED(Kind.TOO_MANY),
    LOGIN_BUSY(Kind.TOO_MANY),
    PICKUP_CODE_LOCKED(Kind.TOO_MANY),
    FORBIDDEN(Kind.FORBIDDEN),
    CSRF_TOKEN_MISSING(Kind.FORBIDDEN),
    // Booking from home and check-in at the door (issue 15).
    PHONE_QUOTA_FULL(Kind.CONFLICT),
    SLOT_FULL(Kind.CONFLICT),
    CHECKIN_CODE_UNKNOWN(Kind.NOT_FOUND),
    CHECKIN_USED(Kind.CONFLICT),
    CHECKIN_NOT_TODAY(Kind.CONFLICT),
    CHECKIN_NOT_NEEDED(Kind.CONFLICT),
    TICKET_NOT_MOVABLE(Kind.CONFLICT),
    BOOKING_LIMITED(Kind.TOO_MANY),
    // An idle counter filling itself (issue 13): the office's state does not allow it now.
    COUNTER_NOT_OPEN(Kind.CONFLICT),
    ALREADY_CALLED(Kind.CONFLICT),
    ROOM_FULL(Kind.CONFLICT);

    /** Whose move it is; the web layer turns this into an HTTP status. */
    public enum Kind { INVALID, CONFLICT, NOT_FOUND, UNAUTHENTICATED, TOO_MANY, FORBIDDEN }

    private final Kind kind;

    RejectionCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
