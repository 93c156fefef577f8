package id.antrean.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Staff passwords: long enough to resist guessing, short enough to type with gloves on. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    public static Optional<Rejection> check(String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_PASSWORD,
                    Text.of("Kata sandi harus " + MIN_LENGTH + " sampai " + MAX_LENGTH + " karakter.",
                            "The password must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters."),
                    Map.of("minLength", MIN_LENGTH, "maxLength", MAX_LENGTH)));
        }
        return Optional.empty();
    }

    /** The length rule, and the account's own name is the first word an attacker tries. */
    public static Optional<Rejection> check(String password, String username) {
        Optional<Rejection> length = check(password);
        if (length.isPresent() || username == null || username.isBlank()) {
            return length;
        }
        if (password.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(Rejection.of(RejectionCode.PASSWORD_CONTAINS_USERNAME,
                    Text.of("Kata sandi tidak boleh memuat nama pengguna.", "The password must not contain the username."),
                    Map.of("field", "password")));
        }
        return Optional.empty();
    }
}
