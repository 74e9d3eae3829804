package org.atlasops.server.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.atlasops.server.web.Problem;
import org.junit.jupiter.api.Test;

/**
 * The import classifier on every block of the IANA special-purpose registries, without connecting anywhere: the
 * first, a middle and the last address of each block, and the addresses just outside it.
 */
class GlobalAddressesTest {
    /**
     * The registries as this test reads them (written out again here, not taken from the class under test): the
     * block and whether an import may connect to it. "allowed" is IANA's "globally reachable", except for the
     * IPv4-embedding forms, which are refused whatever the registry says.
     */
    private static final String[][] IPV4 = {
        {"0.0.0.0/8", "refused"},
        {"10.0.0.0/8", "refused"},
        {"100.64.0.0/10", "refused"},
        {"127.0.0.0/8", "refused"},
        {"169.254.0.0/16", "refused"},
        {"172.16.0.0/12", "refused"},
        {"192.0.0.0/24", "refused"},
        {"192.0.0.0/29", "refused"},
        {"192.0.0.8/32", "refused"},
        {"192.0.0.9/32", "allowed"},
        {"192.0.0.10/32", "allowed"},
        {"192.0.0.11/32", "refused"},
        {"192.0.0.170/32", "refused"},
        {"192.0.0.171/32", "refused"},
        {"192.0.0.255/32", "refused"},
        {"192.0.2.0/24", "refused"},
        {"192.31.196.0/24", "allowed"},
        {"192.52.193.0/24", "allowed"},
        {"192.88.99.0/24", "refused"},
        {"192.168.0.0/16", "refused"},
        {"192.175.48.0/24", "allowed"},
        {"198.18.0.0/15", "refused"},
        {"198.51.100.0/24", "refused"},
        {"203.0.113.0/24", "refused"},
        {"224.0.0.0/4", "refused"},
        {"240.0.0.0/4", "refused"},
        {"255.255.255.255/32", "refused"},
    };

    private static final String[][] IPV6 = {
        {"::1/128", "refused"},
        {"::/128", "refused"},
        {"::ffff:0:0/96", "refused"},
        {"::/96", "refused"}, // IPv4-compatible (deprecated)
        {"64:ff9b::/96", "refused"}, // NAT64: globally reachable, but it embeds IPv4
        {"64:ff9b:1::/48", "refused"},
        {"100::/64", "refused"},
        {"100:0:0:1::/64", "refused"},
        {"2001::/23", "refused"},
        {"2001::/32", "refused"}, // Teredo embeds IPv4
        {"2001:1::1/128", "allowed"},
        {"2001:1::2/128", "allowed"},
        {"2001:1::3/128", "allowed"},
        {"2001:1::4/128", "refused"},
        {"2001:2::/48", "refused"},
        {"2001:3::/32", "allowed"},
        {"2001:4:112::/48", "allowed"},
        {"2001:10::/28", "refused"},
        {"2001:20::/28", "allowed"},
        {"2001:30::/28", "allowed"},
        {"2001:40::/28", "refused"}, // the rest of 2001::/23, IETF protocol assignments
        {"2001:1ff::/32", "refused"},
        {"2001:db8::/32", "refused"},
        {"2002::/16", "refused"}, // 6to4 embeds IPv4
        {"2620:4f:8000::/48", "allowed"},
        {"3fff::/20", "refused"},
        {"5f00::/16", "refused"},
        {"fc00::/7", "refused"},
        {"fe80::/10", "refused"},
        {"fec0::/10", "refused"}, // deprecated site-local, outside global unicast
        {"ff00::/8", "refused"}, // multicast
        {"4000::/2", "refused"}, // unassigned, outside 2000::/3
    };

    @Test
    void everySpecialPurposeBlockIsClassifiedAsTheRegistrySays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String[][] registry : new String[][][] {IPV4, IPV6}) {
            for (String[] row : registry) {
                boolean allowed = row[1].equals("allowed");
                for (InetAddress a : samples(row[0])) {
                    if (GlobalAddresses.isGlobalUnicast(a) != allowed) {
                        wrong.add(a.getHostAddress() + " in " + row[0] + " should be " + row[1]);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theClassWalksTheSameRegistryBlocks() {
        List<String> here = new ArrayList<>();
        for (String[][] registry : new String[][][] {IPV4, IPV6}) {
            for (String[] row : registry) {
                here.add(row[0]);
            }
        }
        assertThat(here)
                .as("every block the classifier knows is tested here")
                .containsAll(GlobalAddresses.IPV4.stream()
                        .map(GlobalAddresses.Block::cidr)
                        .toList())
                .containsAll(GlobalAddresses.IPV6.stream()
                        .map(GlobalAddresses.Block::cidr)
                        .toList());
    }

    @Test
    void publicUnicastAddressesAndTheNeighboursOfSpecialBlocksAreAllowed() throws Exception {
        for (String ok : new String[] {
            "1.1.1.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "126.255.255.255",
            "128.0.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "192.0.1.0",
            "192.167.255.255",
            "192.169.0.0",
            "198.17.255.255",
            "198.20.0.0",
            "223.255.255.255",
            "2606:4700:4700::1111",
            "2a00:1450:4001::200e",
            "2001:200::1",
            "2620:4f:7fff::1",
            "2003::1"
        }) {
            assertThat(GlobalAddresses.isGlobalUnicast(InetAddress.getByName(ok)))
                    .as(ok)
                    .isTrue();
        }
    }

    @Test
    void theFetcherRefusesTheFindingsAddressesWithoutConnecting() {
        for (String internal : new String[] {
            "100.64.0.1", "0.0.0.0", "0.1.2.3", "255.255.255.255", "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1"
        }) {
            try (LayerFetcher f = new LayerFetcher(List.of(), host -> new InetAddress[] {address(internal)})) {
                assertThatThrownBy(() -> f.fetch("https://looks-public.test/layer.json"))
                        .as(internal)
                        .isInstanceOfSatisfying(Problem.class, p -> {
                            assertThat(p.status()).isEqualTo(403);
                            assertThat(p.type().slug()).isEqualTo("fetch-refused");
                        });
            }
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByAddress(GlobalAddresses.parse(literal));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** The first, second, middle and last address of a block (each as the 4 or 16 bytes a resolver could give). */
    private static List<InetAddress> samples(String cidr) throws Exception {
        int slash = cidr.indexOf('/');
        byte[] network = GlobalAddresses.parse(cidr.substring(0, slash));
        int bits = network.length * 8;
        int length = Integer.parseInt(cidr.substring(slash + 1));
        BigInteger first = new BigInteger(1, network);
        BigInteger size = BigInteger.ONE.shiftLeft(bits - length);
        List<InetAddress> out = new ArrayList<>();
        for (BigInteger n : List.of(
                first,
                first.add(BigInteger.ONE.min(size.subtract(BigInteger.ONE))),
                first.add(size.shiftRight(1)),
                first.add(size).subtract(BigInteger.ONE))) {
            byte[] b = bytes(n, network.length);
            // an IPv6 address stays one even where Java would turn an IPv4-mapped form into IPv4
            out.add(b.length == 16 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b));
        }
        return out;
    }

    private static byte[] bytes(BigInteger n, int length) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
