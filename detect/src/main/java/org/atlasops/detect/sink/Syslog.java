package org.atlasops.detect.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertWriter;

/**
 * Syslog as RFC 5424 messages: {@code <PRI>1 TIMESTAMP HOSTNAME atlas-ops PROCID MSGID [atlasops@32473 id=… rule=…
 * level=… technique=…] ALERT-JSON}, facility local0 (16) and a severity from the alert's level (critical 2, high 3,
 * medium 4, low 5, else 6). 32473 is the private enterprise number RFC 5612 reserves for examples; the structured
 * data is there so a receiver can filter without parsing the JSON. Over TCP each message is framed by octet
 * counting (RFC 6587 3.4.1: {@code LENGTH SP MESSAGE}); over UDP it is one datagram (RFC 5426), at most 65,507
 * bytes; a longer alert is refused.
 */
final class Syslog implements Transport {
    static final int FACILITY_LOCAL0 = 16;
    static final String SD_ID = "atlasops@32473";
    static final int MAX_DATAGRAM = 65_507;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SinkSpec spec;
    private final boolean udp;
    private final InetSocketAddress address;
    private final String host;
    private final String procId;
    private Socket tcp;
    private DatagramSocket datagrams;

    Syslog(SinkSpec spec, boolean udp) {
        this.spec = spec;
        this.udp = udp;
        this.address = address(spec.target());
        this.host = hostName();
        this.procId = Long.toString(ProcessHandle.current().pid());
    }

    static InetSocketAddress address(String target) {
        String t = target.replaceFirst("^(tcp|udp|syslog)://", "");
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + target + "' is not HOST:PORT; give e.g. localhost:514");
        }
        String h = t.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + target + "' has no port number; give e.g. localhost:514", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of '" + target + "' is not 1-65535");
        }
        return InetSocketAddress.createUnresolved(h, port);
    }

    @Override
    public Outcome deliver(List<Alert> batch) throws Failed {
        List<Rejected> rejected = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        List<Alert> sent = new ArrayList<>();
        for (Alert a : batch) {
            byte[] m = message(a).getBytes(StandardCharsets.UTF_8);
            if (udp && m.length > MAX_DATAGRAM) {
                rejected.add(new Rejected(a, m.length + " bytes do not fit a UDP datagram; use syslog-tcp"));
            } else {
                messages.add(m);
                sent.add(a);
            }
        }
        try {
            if (udp) {
                sendUdp(messages);
            } else {
                sendTcp(messages);
            }
        } catch (IOException e) {
            closeQuietly();
            throw new Failed(
                    "cannot send to syslog at " + spec.target() + " (" + e.getMessage() + ")",
                    !(e instanceof UnknownHostException),
                    e);
        }
        return new Outcome(List.of(), rejected);
    }

    private void sendTcp(List<byte[]> messages) throws IOException {
        if (tcp == null || tcp.isClosed()) {
            Socket s = new Socket();
            try {
                s.connect(resolved(), (int) Http.CONNECT_TIMEOUT.toMillis());
            } catch (SocketTimeoutException e) {
                s.close();
                throw new IOException("no connection within " + Http.CONNECT_TIMEOUT.toSeconds() + " s", e);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            s.setSoTimeout((int) Http.REQUEST_TIMEOUT.toMillis());
            tcp = s;
        }
        OutputStream out = tcp.getOutputStream();
        for (byte[] m : messages) {
            out.write((m.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(m);
        }
        out.flush();
    }

    private void sendUdp(List<byte[]> messages) throws IOException {
        if (datagrams == null) {
            datagrams = new DatagramSocket();
        }
        InetSocketAddress to = resolved();
        for (byte[] m : messages) {
            datagrams.send(new DatagramPacket(m, m.length, to));
        }
    }

    private InetSocketAddress resolved() throws UnknownHostException {
        InetSocketAddress a = new InetSocketAddress(address.getHostString(), address.getPort());
        if (a.isUnresolved()) {
            throw new UnknownHostException("unknown host " + address.getHostString());
        }
        return a;
    }

    /** One RFC 5424 message, without framing. */
    String message(Alert a) {
        return "<" + (FACILITY_LOCAL0 * 8 + severity(a.level())) + ">1 " + TIME.format(a.time()) + " " + host
                + " atlas-ops " + procId + " " + msgId(a.kind()) + " [" + SD_ID + " id=\"" + param(a.id())
                + "\" rule=\"" + param(a.ruleId() == null ? a.ruleTitle() : a.ruleId()) + "\" level=\""
                + param(a.level() == null ? "" : a.level()) + "\"" + techniques(a) + "] "
                + AlertWriter.line(a, spec.format());
    }

    private static String techniques(Alert a) {
        StringBuilder s = new StringBuilder();
        a.techniques()
                .forEach(t -> s.append(" technique=\"")
                        .append(param(t.id().toString()))
                        .append('"'));
        return s.toString();
    }

    static int severity(String level) {
        return switch (level == null ? "" : level.toLowerCase(Locale.ROOT)) {
            case "critical" -> 2;
            case "high" -> 3;
            case "medium" -> 4;
            case "low" -> 5;
            default -> 6;
        };
    }

    /** MSGID: 1-32 printable US-ASCII characters. */
    private static String msgId(String kind) {
        String k = kind.replaceAll("[^!-~]", "");
        return k.isEmpty() ? "-" : k.length() > 32 ? k.substring(0, 32) : k;
    }

    /** A PARAM-VALUE with '"', '\' and ']' escaped (RFC 5424 6.3.3). */
    static String param(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    }

    private static String hostName() {
        try {
            String h = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^!-~]", "");
            return h.isEmpty() ? "-" : h.length() > 255 ? h.substring(0, 255) : h;
        } catch (UnknownHostException e) {
            return "-";
        }
    }

    private void closeQuietly() {
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException e) {
            // a broken connection; the next batch opens a new one
        }
        tcp = null;
    }

    @Override
    public void close() {
        closeQuietly();
        if (datagrams != null) {
            datagrams.close();
        }
    }
}
