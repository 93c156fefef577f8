package id.antrean.domain;

/**
 * Why in-office recording cannot wait (from the ministry's circular SE 443.1/2978/Dukcapil).
 * The reason OTHER asks the resident to write a short note.
 */
public record UrgencyReason(String code, Text label) {
    public static final String OTHER = "OTHER";
    public static final int MAX_NOTE = 200;

    public boolean needsNote() {
        return OTHER.equals(code);
    }
}
