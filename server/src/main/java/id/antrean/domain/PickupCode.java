package id.antrean.domain;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The code a resident types at the kiosk to collect a document: 8 characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L), so 31^8 ≈ 8.5 × 10^11 codes. Written in two groups of four
 * ("K7QM-3XTA") to be read aloud and typed easily; typed input forgives case, spaces and dashes.
 */
public final class PickupCode {
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PickupCode() {
    }

    /** A new code, uniformly random over the alphabet. */
    public static String generate() {
        StringBuilder s = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** The code as typed or scanned, normalised; empty when it cannot be a code at all. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String s = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (s.length() != LENGTH) {
            return Optional.empty();
        }
        for (char c : s.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }

    /** "K7QM3XTA" as "K7QM-3XTA". */
    public static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }
}
