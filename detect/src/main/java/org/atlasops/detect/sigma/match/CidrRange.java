package org.atlasops.detect.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.atlasops.detect.sigma.accel.EvaluationContext;

/**
 * {@code |cidr}: an IPv4 or IPv6 network; a value matches when it is an address inside it. Addresses are read as
 * IPv4 dotted quads or IPv6 literals only.
 */
public record CidrRange(byte[] network, int prefix) implements ValuePredicate {
    public CidrRange {
        network = network.clone();
    }

    /** A copy: the record stays immutable. */
    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrRange c && prefix == c.prefix && java.util.Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return "CidrRange[network=" + java.util.Arrays.toString(network) + ", prefix=" + prefix + "]";
    }

    public static CidrRange parse(String cidr) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] addr = address(host);
        if (addr == null) {
            throw new IllegalArgumentException("\"" + cidr + "\" is not a CIDR range such as 10.0.0.0/8");
        }
        int prefix;
        try {
            prefix = slash < 0 ? addr.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + cidr + "\" is not a CIDR range such as 10.0.0.0/8");
        }
        if (prefix < 0 || prefix > addr.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range in " + cidr);
        }
        return new CidrRange(addr, prefix);
    }

    /**
     * The bytes of an IPv4 dotted quad or an IPv6 literal, or null. Never a host name: a value such as "cafe"
     * or "300.0.0.1" must not become a DNS lookup, and "5" is not the address 0.0.0.5.
     */
    static byte[] address(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            // with a colon and a hex digit or colon first, InetAddress parses a literal and never looks it up
            if (!text.matches("[0-9a-fA-F:][0-9a-fA-F:.]*")) {
                return null;
            }
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    @Override
    public boolean test(JsonNode v, EvaluationContext e) {
        String t = ValuePredicate.text(v);
        byte[] addr = t == null ? null : address(t.strip());
        if (addr == null || addr.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (addr[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (addr[full] & mask) == (network[full] & mask);
    }
}
