package id.antrean.domain;

import java.util.Locale;
import java.util.Set;

/** A resident's WhatsApp reply that means "send me nothing more". */
public final class StopWords {
    private static final Set<String> WORDS = Set.of("STOP", "BERHENTI", "UNSUBSCRIBE", "STOP MESSAGES", "BERHENTI KIRIM PESAN");

    private StopWords() {
    }

    public static boolean isStop(String text) {
        if (text == null) {
            return false;
        }
        String t = text.strip().replaceAll("[\\s.!]+$", "").replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return WORDS.contains(t);
    }
}
