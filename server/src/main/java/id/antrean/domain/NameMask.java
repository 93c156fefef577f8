package id.antrean.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A name as the ticket page shows it to whoever holds the slip: each word's first letter only ("B••• S•••"). */
public final class NameMask {
    private NameMask() {
    }

    public static String mask(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return Arrays.stream(name.strip().split("\\s+"))
                .map(w -> w.substring(0, w.offsetByCodePoints(0, 1)) + "•••")
                .collect(Collectors.joining(" "));
    }
}
