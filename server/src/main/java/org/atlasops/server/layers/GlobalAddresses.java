package org.atlasops.server.layers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses an import (a layer URL, a TAXII pull or push) may connect to: globally routable unicast only,
 * decided by an allow-list. An IPv4 address must be outside every block of the IANA IPv4 Special-Purpose Address
 * Registry that is not globally reachable, and outside multicast (224.0.0.0/4); an IPv6 address must be in global
 * unicast (2000::/3, the IANA IPv6 Address Space registry) and outside every block of the IANA IPv6 Special-Purpose
 * Address Registry that is not globally reachable. A block listed as globally reachable inside a larger one that is
 * not (such as 192.0.0.9/32 in 192.0.0.0/24) is decided by the more specific block, as the registry reads.
 *
 * <p>IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96 and 64:ff9b:1::/48,
 * 6to4 2002::/16, Teredo 2001::/32) are refused whatever the IPv4 address inside: where such a connection ends up
 * depends on a translator or tunnel that may reach internal addresses.
 *
 * <p>Registries as published by IANA (iana-ipv4-special-registry, iana-ipv6-special-registry, updated 2025), read
 * for this class; the test walks every block.
 */
public final class GlobalAddresses {
    /** A block of a registry and whether IANA marks it globally reachable. */
    record Block(String cidr, byte[] network, int length, boolean global) {
        static Block of(String cidr, boolean global) {
            int slash = cidr.indexOf('/');
            byte[] bytes = parse(cidr.substring(0, slash));
            return new Block(cidr, bytes, Integer.parseInt(cidr.substring(slash + 1)), global);
        }

        boolean contains(byte[] address) {
            if (network.length != address.length) {
                return false;
            }
            int bits = length;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The IANA IPv4 Special-Purpose Address Registry, with multicast and limited broadcast. */
    static final List<Block> IPV4 = List.of(
            Block.of("0.0.0.0/8", false), // "this network"
            Block.of("10.0.0.0/8", false), // private use
            Block.of("100.64.0.0/10", false), // shared address space (carrier-grade NAT)
            Block.of("127.0.0.0/8", false), // loopback
            Block.of("169.254.0.0/16", false), // link local
            Block.of("172.16.0.0/12", false), // private use
            Block.of("192.0.0.0/24", false), // IETF protocol assignments
            Block.of("192.0.0.0/29", false), // IPv4 service continuity prefix (DS-Lite)
            Block.of("192.0.0.8/32", false), // IPv4 dummy address
            Block.of("192.0.0.9/32", true), // port control protocol anycast
            Block.of("192.0.0.10/32", true), // traversal using relays around NAT anycast
            Block.of("192.0.0.170/32", false), // NAT64/DNS64 discovery
            Block.of("192.0.0.171/32", false), // NAT64/DNS64 discovery
            Block.of("192.0.2.0/24", false), // documentation (TEST-NET-1)
            Block.of("192.31.196.0/24", true), // AS112-v4
            Block.of("192.52.193.0/24", true), // AMT
            Block.of("192.88.99.0/24", false), // deprecated 6to4 relay anycast
            Block.of("192.168.0.0/16", false), // private use
            Block.of("192.175.48.0/24", true), // direct delegation AS112 service
            Block.of("198.18.0.0/15", false), // benchmarking
            Block.of("198.51.100.0/24", false), // documentation (TEST-NET-2)
            Block.of("203.0.113.0/24", false), // documentation (TEST-NET-3)
            Block.of("224.0.0.0/4", false), // multicast (IPv4 multicast address space registry)
            Block.of("240.0.0.0/4", false), // reserved
            Block.of("255.255.255.255/32", false)); // limited broadcast

    /** The IANA IPv6 Special-Purpose Address Registry; everything outside 2000::/3 is refused before these. */
    static final List<Block> IPV6 = List.of(
            Block.of("::1/128", false), // loopback
            Block.of("::/128", false), // unspecified
            Block.of("::ffff:0:0/96", false), // IPv4-mapped
            Block.of("64:ff9b::/96", false), // IPv4-IPv6 translation: refused, it embeds IPv4 (IANA: global)
            Block.of("64:ff9b:1::/48", false), // local-use IPv4/IPv6 translation
            Block.of("100::/64", false), // discard-only
            Block.of("100:0:0:1::/64", false), // dummy IPv6 prefix
            Block.of("2001::/23", false), // IETF protocol assignments
            Block.of("2001::/32", false), // Teredo: embeds IPv4
            Block.of("2001:1::1/128", true), // port control protocol anycast
            Block.of("2001:1::2/128", true), // TURN anycast
            Block.of("2001:1::3/128", true), // DNS-SD service registration protocol anycast
            Block.of("2001:2::/48", false), // benchmarking
            Block.of("2001:3::/32", true), // AMT
            Block.of("2001:4:112::/48", true), // AS112-v6
            Block.of("2001:10::/28", false), // deprecated ORCHID
            Block.of("2001:20::/28", true), // ORCHIDv2
            Block.of("2001:30::/28", true), // drone remote ID entity tags
            Block.of("2001:db8::/32", false), // documentation
            Block.of("2002::/16", false), // 6to4: embeds IPv4
            Block.of("2620:4f:8000::/48", true), // direct delegation AS112 service
            Block.of("3fff::/20", false), // documentation
            Block.of("5f00::/16", false), // segment routing (SRv6) SIDs
            Block.of("fc00::/7", false), // unique local
            Block.of("fe80::/10", false)); // link-local unicast

    private static final Block GLOBAL_UNICAST_V6 = Block.of("2000::/3", true);

    private GlobalAddresses() {}

    /** True only for a globally routable unicast address. */
    public static boolean isGlobalUnicast(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && !GLOBAL_UNICAST_V6.contains(bytes)) {
            return false; // multicast, link-local, unique local, mapped and compatible IPv4, NAT64, unassigned
        }
        Block closest = null;
        for (Block b : bytes.length == 4 ? IPV4 : IPV6) {
            if (b.contains(bytes) && (closest == null || b.length() > closest.length())) {
                closest = b;
            }
        }
        return closest == null || closest.global();
    }

    /** The bytes of an address literal; an IPv6 literal keeps its 16 bytes even when Java would read it as IPv4. */
    static byte[] parse(String literal) {
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (literal.contains(":") && bytes.length == 4) {
                // Java turns ::ffff:a.b.c.d into an IPv4 address
                byte[] full = new byte[16];
                full[10] = (byte) 0xff;
                full[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, full, 12, 4);
                return full;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }
}
