package id.antrean.domain;

/** Who took a document at the counter after staff checked their identity. */
public enum Collector {
    /** The resident named on the document, with their own ID card. */
    RESIDENT,
    /** Someone the resident named, with a letter of authority (surat kuasa) and their own ID card. */
    REPRESENTATIVE
}
