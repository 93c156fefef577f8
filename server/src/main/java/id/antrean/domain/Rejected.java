package id.antrean.domain;

/** Thrown where a rejection has to cross a transaction boundary; carries the rejection as it is. */
public final class Rejected extends RuntimeException {
    private final Rejection rejection;

    public Rejected(Rejection rejection) {
        super(rejection.code().name(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
