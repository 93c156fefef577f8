package id.antrean.web;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The address residents' phones open from the ticket's QR code ({@code ANTREAN_PUBLIC_URL}). Unset,
 * the kiosk prints its own address into the QR code, and a kiosk that runs its browser on the server
 * itself prints a loopback address (http://127.0.0.1:8080/…) no phone can open (issue 13): the
 * server says so at start, and the admin pages show it from the kiosk API's {@code publicUrlWarning}.
 */
public final class PublicAddress {
    private PublicAddress() {
    }

    /** Whether a URL's host is this machine only (localhost, 127.0.0.0/8, ::1, 0.0.0.0). */
    public static boolean isLoopback(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
            return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                    || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1") || host.equals("0.0.0.0");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What is wrong with the configured public address, in a sentence for the operator; empty when fine. */
    public static Optional<String> problem(String publicUrl) {
        if (publicUrl == null || publicUrl.isBlank()) {
            return Optional.of("ANTREAN_PUBLIC_URL (antrean.public.url) is unset: the kiosk prints its own address into "
                    + "the ticket's QR code, which is a loopback address (http://127.0.0.1:…) when the kiosk's browser "
                    + "runs on the server; residents' phones cannot open it. Set it to the address phones reach, "
                    + "e.g. https://antrean.example.go.id");
        }
        if (isLoopback(publicUrl)) {
            return Optional.of("ANTREAN_PUBLIC_URL (antrean.public.url) is a loopback address (" + publicUrl
                    + "): residents' phones cannot open the ticket's QR code. Set it to the address phones reach.");
        }
        return Optional.empty();
    }
}
