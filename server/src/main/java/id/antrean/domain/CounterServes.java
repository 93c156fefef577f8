package id.antrean.domain;

/** What a counter (loket) calls residents for: KTP-el recording, document pickup, or both. */
public enum CounterServes {
    RECORDING, PICKUP, BOTH;

    public boolean pickups() {
        return this != RECORDING;
    }

    public boolean recording() {
        return this != PICKUP;
    }
}
