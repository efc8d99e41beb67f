package dev.vigil.alert.destination;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a channel may send to a URL: http or https only, and every address its host resolves to must be
 * public — not loopback, link-local (cloud metadata at 169.254.169.254, fe80::/10), private (10/8, 172.16/12,
 * 192.168/16, 100.64/10, fc00::/7), unspecified, multicast or broadcast — unless {@code vigil.alert.destinations.allow}
 * allows it. Checked when a channel is saved and again before each delivery, since a name can resolve elsewhere
 * later. A host that does not resolve is not refused here: nothing can be sent to it, and delivery checks again.
 */
public final class DestinationPolicy {

    static final String SETTING = "vigil.alert.destinations.allow";

    private final List<Cidr> allowedNetworks;
    private final Set<String> allowedHosts;

    private DestinationPolicy(List<Cidr> allowedNetworks, Set<String> allowedHosts) {
        this.allowedNetworks = List.copyOf(allowedNetworks);
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    /** Fails with a message naming the setting when an entry is neither a CIDR, an address nor a host name. */
    public static DestinationPolicy allowing(List<String> entries) {
        List<Cidr> networks = new ArrayList<>();
        Set<String> hosts = new TreeSet<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Optional<Cidr> cidr = Cidr.parse(entry);
            if (cidr.isPresent()) {
                networks.add(cidr.get());
            } else if (entry.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?") && !entry.contains("/")) {
                hosts.add(entry.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalStateException(SETTING + " holds '" + entry
                        + "', which is neither a CIDR (10.0.0.0/8), an address nor a host name");
            }
        }
        return new DestinationPolicy(networks, hosts);
    }

    /**
     * Why {@code url} may not be sent to, or empty when it may. The reason never repeats the URL, which can be the
     * channel's secret (a Slack webhook URL).
     */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Optional.of("must be an http(s) URL");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> internal = internal(address);
            if (internal.isPresent() && allowedNetworks.stream().noneMatch(n -> n.contains(address))) {
                return Optional.of("reaches " + internal.get() + " address " + address.getHostAddress()
                        + ", which " + SETTING + " does not allow");
            }
        }
        return Optional.empty();
    }

    /** What kind of internal address this is, or empty for a public one. */
    static Optional<String> internal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("an unspecified");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a private"); // carrier-grade NAT, RFC 6598
            }
            if (first >= 240) {
                return Optional.of("a reserved or broadcast");
            }
            return Optional.empty();
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a private"); // unique local, fc00::/7
            }
            // An IPv4 address inside IPv6 (IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96) is checked as that address.
            boolean compatible = isZero(b, 0, 12);
            boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12);
            if (compatible || nat64) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e); // four bytes are always an address
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A network: an address and a prefix length. */
    private record Cidr(byte[] network, int prefix) {

        static Optional<Cidr> parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            // Literal addresses only: a host name here would be resolved, which is what a name entry is for.
            if (!address.matches("[0-9.]+") && !address.matches("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?")) {
                return Optional.empty();
            }
            try {
                byte[] bytes = InetAddress.getByName(address.replace("[", "").replace("]", "")).getAddress();
                int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalStateException(SETTING + " holds '" + text + "', whose prefix length is out of range");
                }
                return Optional.of(new Cidr(bytes, prefix));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalStateException(SETTING + " holds '" + text + "', which is not a CIDR or address");
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
