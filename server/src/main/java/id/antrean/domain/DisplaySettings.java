package id.antrean.domain;

/**
 * What the office sets for its waiting-room displays: the notice line (a ticker under the calls,
 * in the office's own words, empty for none) and how calls are spoken.
 */
public record DisplaySettings(String notice, VoiceMode voice) {
    /** The longest notice a display shows: two lines at the TV's smallest type. */
    public static final int MAX_NOTICE = 200;
    public static final DisplaySettings DEFAULT = new DisplaySettings("", VoiceMode.SPEECH);

    public DisplaySettings {
        notice = notice == null ? "" : notice.strip();
        voice = voice == null ? VoiceMode.SPEECH : voice;
    }

    /**
     * SPEECH: the browser's Indonesian voice, the recorded clips where the display has none.
     * CLIPS: always the recorded clips (the built-in pack, or the office's own recordings).
     */
    public enum VoiceMode { SPEECH, CLIPS }
}
