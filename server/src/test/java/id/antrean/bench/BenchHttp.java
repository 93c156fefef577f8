package id.antrean.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator's HTTP clients. {@link Raw} is a minimal HTTP/1.1 keep-alive client on one
 * socket per virtual thread (Content-Length and chunked bodies); {@link Jdk} is java.net.http. The
 * benchmark uses Raw for load (it costs less CPU on a machine the server shares) and measures both
 * against the ping route so the choice is on record.
 */
interface BenchHttp extends AutoCloseable {
    record Resp(int status, String body, Map<String, String> headers) {
    }

    Resp send(String method, String path, Map<String, String> headers, String body) throws IOException;

    @Override
    void close();

    static BenchHttp create(String kind, int port) {
        return "jdk".equals(kind) ? new Jdk(port) : new Raw(port);
    }

    final class Raw implements BenchHttp {
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        int reconnects;

        Raw(int port) {
            this.port = port;
        }

        @Override
        public Resp send(String method, String path, Map<String, String> headers, String body) throws IOException {
            byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n");
            headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
            if (payload != null) {
                sb.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            } else if (!"GET".equals(method)) {
                sb.append("Content-Length: 0\r\n");
            }
            sb.append("\r\n");
            byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            boolean fresh = socket == null;
            try {
                return exchange(head, payload);
            } catch (IOException e) {
                closeSocket();
                // A POST is never sent twice: the first may have been processed, and the benchmark
                // counts the failure instead. A GET on a kept-alive connection the server had
                // closed while idle is harmless to repeat once.
                if (fresh || !"GET".equals(method)) {
                    throw e;
                }
                reconnects++;
                return exchange(head, payload);
            }
        }

        private Resp exchange(byte[] head, byte[] payload) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 16_384);
                out = socket.getOutputStream();
            }
            if (payload == null) {
                out.write(head);
            } else {
                byte[] all = new byte[head.length + payload.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(payload, 0, all, head.length, payload.length);
                out.write(all);
            }
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            Map<String, String> h = new HashMap<>();
            for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = l.substring(colon + 1).trim();
                h.merge(name, value, (a, b) -> a + "\n" + b);
            }
            byte[] bytes;
            if (h.containsKey("content-length")) {
                bytes = in.readNBytes(Integer.parseInt(h.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                while (true) {
                    String size = line();
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                            // trailers
                        }
                        break;
                    }
                    buf.write(in.readNBytes(n));
                    line();
                }
                bytes = buf.toByteArray();
            } else {
                bytes = code == 204 || code == 304 ? new byte[0] : in.readAllBytes();
                closeSocket();
            }
            if ("close".equalsIgnoreCase(h.get("connection"))) {
                closeSocket();
            }
            return new Resp(code, new String(bytes, StandardCharsets.UTF_8), h);
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                sb.append((char) c);
            }
            return sb.isEmpty() ? null : sb.toString();
        }

        private void closeSocket() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
        }

        @Override
        public void close() {
            closeSocket();
        }
    }

    final class Jdk implements BenchHttp {
        private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        Jdk(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        @Override
        public Resp send(String method, String path, Map<String, String> headers, String body) throws IOException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            headers.forEach(b::header);
            try {
                HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
                Map<String, String> h = new HashMap<>();
                r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), String.join("\n", v)));
                return new Resp(r.statusCode(), r.body(), h);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}
