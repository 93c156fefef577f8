package id.antrean.domain;

import java.util.Objects;

/** A text in both of the office's languages: Indonesian first, English second. */
public record Text(String id, String en) {
    public Text {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(en, "en");
    }

    public static Text of(String id, String en) {
        return new Text(id, en);
    }

    /** Both languages in one line, as API messages carry them. */
    public String joined() {
        return id + " / " + en;
    }
}
