package id.antrean.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a fuzz case can send what a well-behaved client library refuses
 * to: a raw {@code %} in the path, bytes that are not UTF-8, any header, any body with any type.
 * An event stream is read up to its headers only.
 */
final class RawHttp {
    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        /** The request as it goes on the wire (for a failure report). */
        String describe() {
            StringBuilder s = new StringBuilder(method).append(' ').append(OpenApiContract.abbreviate(target));
            headers.forEach((k, v) -> s.append(" | ").append(k).append(": ").append(OpenApiContract.abbreviate(v)));
            if (body != null) {
                s.append(" | body(").append(body.length).append(" B): ")
                        .append(OpenApiContract.abbreviate(new String(body, StandardCharsets.UTF_8)));
            }
            return s.toString();
        }
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = OpenApiContract.values(headers, name);
            return v.isEmpty() ? null : v.getFirst();
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    Response send(Request request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((request.method() + " " + request.target() + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            head.writeBytes(("Host: 127.0.0.1:" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, String> h : request.headers().entrySet()) {
                head.writeBytes((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] body = request.body();
            if (body != null) {
                head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(head.toByteArray());
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("no HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.computeIfAbsent(l.substring(0, colon).strip(), k -> new ArrayList<>()).add(l.substring(colon + 1).strip());
        }
        Response partial = new Response(status, headers, "");
        String type = partial.header("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            return partial;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = partial.header("Content-Length");
        String encoding = partial.header("Transfer-Encoding");
        try {
            if (length != null) {
                body.writeBytes(in.readNBytes(Integer.parseInt(length)));
            } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                     size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                    body.writeBytes(in.readNBytes(size));
                    line(in);
                }
            } else if (status != 204 && status != 304) {
                body.writeBytes(in.readAllBytes());
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the answer's body did not arrive (status " + status + ")", e);
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }
}
