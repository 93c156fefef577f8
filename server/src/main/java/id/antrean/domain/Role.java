package id.antrean.domain;

/**
 * What a staff account may do. The office's roles are a ladder (each includes the ones below it);
 * contact tracing stands beside it: only a tracing account exports who met whom, and it does
 * nothing else.
 */
public enum Role {
    /** Works a counter (loket): calls, serves and closes tickets. */
    OPERATOR,
    /** Also sees the day's figures and reports, and answers residents' requests for their data. */
    SUPERVISOR,
    /** Also changes the office's settings and staff accounts. */
    ADMIN,
    /**
     * Contact tracing for the health office (Dinas Kesehatan / puskesmas): exports, under a case
     * number, who shared the waiting room with a resident. Not part of the ladder: no admin,
     * supervisor or operator traces by their role alone, and a tracer works no counter.
     */
    TRACER;

    public boolean includes(Role required) {
        if (this == TRACER || required == TRACER) {
            return this == required;
        }
        return ordinal() >= required.ordinal();
    }
}
