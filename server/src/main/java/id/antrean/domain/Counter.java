package id.antrean.domain;

/** A service counter, called "loket" in the office ("Loket 1", "Loket 2"). */
public record Counter(String id, String name) {
}
