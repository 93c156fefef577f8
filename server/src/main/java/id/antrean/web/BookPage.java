package id.antrean.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Function;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The booking page (/book/?office=oki) as one answer: its style and script inlined and the day's
 * offer embedded as JSON, so a phone on a slow connection (2 s a request) needs a single round
 * trip before it can be used. The inline style and script are allowed by their SHA-256 hashes in
 * this answer's Content-Security-Policy; everything else of the policy stays as strict as elsewhere.
 */
public final class BookPage {
    private final String head;
    private final String tail;
    private final String policy;
    private final Function<String, Object> offer;

    /** {@code offer}: the booking page's data for an office id (null when it cannot be read now). */
    public BookPage(Function<String, Object> offer) {
        this.offer = offer;
        String html = resource("web/book/index.html");
        String css = resource("web/book/book.css");
        String js = resource("web/book/book.js");
        String style = "<style>" + css + "</style>";
        String script = "<script type=\"module\">" + js + "</script>";
        html = html.replace("<link rel=\"stylesheet\" href=\"book.css\">", style)
                .replace("<script type=\"module\" src=\"book.js\"></script>", "<!--DATA-->" + script);
        int at = html.indexOf("<!--DATA-->");
        if (at < 0 || !html.contains(style)) {
            throw new IllegalStateException("web/book/index.html lost its style or script tag");
        }
        this.head = html.substring(0, at);
        this.tail = html.substring(at + "<!--DATA-->".length());
        this.policy = SecurityHeaders.CONTENT_SECURITY_POLICY
                .replace("script-src 'self'", "script-src 'self' 'sha256-" + sha256(js) + "'")
                .replace("style-src 'self'", "style-src 'self' 'sha256-" + sha256(css) + "'");
    }

    public void handle(ServerRequest req, ServerResponse res) {
        String office = req.query().first("office").filter(o -> o.matches("[A-Za-z0-9_-]{1,32}")).orElse("oki");
        Object data;
        try {
            data = offer.apply(office);
        } catch (RuntimeException e) {
            data = null; // unknown office or database away: the page asks the API itself and says what is wrong
        }
        String json = data == null ? "" : new String(Json.bytes(data), StandardCharsets.UTF_8)
                .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        String page = head + "<script type=\"application/json\" id=\"booking-data\" data-office=\"" + office + "\">"
                + json + "</script>" + tail;
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.VARY, "Accept-Encoding");
        SecurityHeaders.ownPolicy(res, policy);
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        boolean gzip = req.headers().first(HeaderNames.ACCEPT_ENCODING).map(e -> e.toLowerCase().contains("gzip")).orElse(false);
        if (gzip) {
            // About a quarter of the bytes: on a slow phone connection that is most of the wait.
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            bytes = gzip(bytes);
        }
        res.status(Status.OK_200).send(bytes);
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new java.io.ByteArrayOutputStream(bytes.length / 3);
        try (var zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String resource(String path) {
        try (InputStream in = BookPage.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
