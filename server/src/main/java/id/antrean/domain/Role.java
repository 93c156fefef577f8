package id.antrean.domain;

/** What a staff account may do; each role includes everything of the ones below it. */
public enum Role {
    /** Works a counter (loket): calls, serves and closes tickets. */
    OPERATOR,
    /** Also sees the day's figures and reports. */
    SUPERVISOR,
    /** Also changes the office's settings and staff accounts. */
    ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }
}
