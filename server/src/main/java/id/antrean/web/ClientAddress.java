package id.antrean.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who is asking, as an address: the connection's peer, unless the peer is one of the configured
 * reverse proxies; then the last address in {@code X-Forwarded-For} that is not one of them. A
 * client can write anything into that header, so it is read only behind a proxy the operator named.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final Set<InetAddress> trustedProxies;

    public ClientAddress(Set<InetAddress> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** From {@code antrean.proxy.trusted}: IP addresses separated by commas; empty trusts nobody. */
    public static ClientAddress fromConfig(String trusted) {
        Set<InetAddress> proxies = new HashSet<>();
        if (trusted != null) {
            for (String part : trusted.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                proxies.add(literal(part.strip()).orElseThrow(() ->
                        new IllegalArgumentException("antrean.proxy.trusted: not an IP address: " + part.strip())));
            }
        }
        return new ClientAddress(proxies);
    }

    /** The client's address in its textual form. */
    public String of(ServerRequest req) {
        InetAddress peer = peer(req.remotePeer().address());
        if (peer == null) {
            return "unknown";
        }
        if (!trustedProxies.contains(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        req.headers().values(HeaderNames.X_FORWARDED_FOR).forEach(v -> {
            for (String hop : v.split(",")) {
                hops.add(hop.strip());
            }
        });
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i)).orElse(null);
            if (hop == null) {
                break; // garbage in the header: the last proxy is the best we know
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private static InetAddress peer(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** Parses an IP literal only: never a name lookup, whatever the header says. */
    static Optional<InetAddress> literal(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(s).matches();
        if (s.length() > 45 || !(v4 || IPV6.matcher(s).matches() && s.indexOf(':') >= 0)) {
            return Optional.empty();
        }
        try {
            // In brackets the JDK takes it as an IPv6 literal or fails; it never asks the DNS.
            return Optional.of(InetAddress.getByName(v4 ? s : "[" + s + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
