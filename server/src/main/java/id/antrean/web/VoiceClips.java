package id.antrean.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

/**
 * The display's voice pack at {@code /voice/{clip}} (no extension: "tujuh", "huruf-a",
 * "nomor-antrean"): the office's own recording from the configured folder when it has one of
 * that name (.ogg, .opus, .mp3, .wav, .m4a), else the built-in clip generated with espeak-ng
 * (web/voice/{clip}.ogg in the display jar). Clip names are a fixed alphabet, so no path can leave
 * the folder.
 */
public final class VoiceClips {
    private static final Logger LOG = Logger.getLogger(VoiceClips.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final List<String[]> TYPES = List.of(new String[] {"ogg", "audio/ogg"},
            new String[] {"opus", "audio/ogg"}, new String[] {"mp3", "audio/mpeg"}, new String[] {"wav", "audio/wav"},
            new String[] {"m4a", "audio/mp4"});
    private static final long MAX_BYTES = 2L * 1024 * 1024;

    private VoiceClips() {
    }

    public static void register(HttpRouting.Builder routing, String officeDir) {
        Path dir = officeDir == null || officeDir.isBlank() ? null : Path.of(officeDir.strip());
        if (dir != null) {
            if (Files.isDirectory(dir)) {
                LOG.info(() -> "Voice clips: the office's recordings in " + dir.toAbsolutePath() + " come first.");
            } else {
                LOG.warning(() -> "Voice clips: " + dir.toAbsolutePath() + " is not a folder; the built-in clips are used.");
            }
        }
        routing.get("/voice/{clip}", (req, res) -> {
            String clip = req.path().pathParameters().get("clip");
            if (!NAME.matcher(clip).matches()) {
                res.status(Status.NOT_FOUND_404).send();
                return;
            }
            res.header(HeaderNames.CACHE_CONTROL, "no-cache"); // an office may replace a recording at any time
            if (dir != null) {
                for (String[] type : TYPES) {
                    Path f = dir.resolve(clip + "." + type[0]);
                    if (Files.isRegularFile(f) && Files.size(f) <= MAX_BYTES) {
                        res.header(HeaderNames.CONTENT_TYPE, type[1]);
                        res.header("X-Voice-Source", "office");
                        res.send(Files.readAllBytes(f));
                        return;
                    }
                }
            }
            try (InputStream in = VoiceClips.class.getClassLoader().getResourceAsStream("web/voice/" + clip + ".ogg")) {
                if (in == null) {
                    res.status(Status.NOT_FOUND_404).send();
                    return;
                }
                res.header(HeaderNames.CONTENT_TYPE, "audio/ogg");
                res.header("X-Voice-Source", "built-in");
                res.send(in.readAllBytes());
            } catch (IOException e) {
                res.status(Status.NOT_FOUND_404).send();
            }
        });
    }
}
