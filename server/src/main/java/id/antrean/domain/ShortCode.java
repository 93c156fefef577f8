package id.antrean.domain;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The short code of a ticket booked from home, typed at the kiosk when its QR code cannot be
 * scanned: 8 characters from 30 that cannot be mistaken for each other (no 0/O, 1/I/L, U), so
 * 30^8 ≈ 6.6 × 10^11 codes. With a few thousand tickets alive and wrong codes limited per address,
 * guessing one is hopeless. Written in two groups of four ("K7QM-4TXP").
 */
public final class ShortCode {
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShortCode() {
    }

    public static String random() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(c);
    }

    /** What a resident typed, as stored: upper case, without spaces and dashes; empty when it cannot be a code. */
    public static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String s = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (s.length() != 8) {
            return Optional.empty();
        }
        for (char ch : s.toCharArray()) {
            if (ALPHABET.indexOf(ch) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }

    public static String display(String code) {
        return code == null ? null : code.substring(0, 4) + "-" + code.substring(4);
    }
}
