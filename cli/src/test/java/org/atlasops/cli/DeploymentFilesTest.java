package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The deployment files name options that exist: the systemd unit's command lines (the active one and the TLS one in
 * comments) and the container image's default arguments parse with the CLI's own options; the unit keeps its
 * hardening. docs/deploy.md describes both.
 */
class DeploymentFilesTest {
    private static final Path UNIT = Path.of("..", "packaging", "systemd", "atlas-ops.service");

    /** The arguments after {@code -jar FILE} of each ExecStart line, active or commented out. */
    private static List<List<String>> execStarts(String unit) {
        List<List<String>> all = new ArrayList<>();
        String joined = unit.replaceAll("\\\\\n#?\\s*", " ");
        Matcher m = Pattern.compile("(?m)^#?ExecStart=(.*)$").matcher(joined);
        while (m.find()) {
            List<String> words = Arrays.asList(m.group(1).trim().split("\\s+"));
            int jar = words.indexOf("-jar");
            assertThat(jar).as(m.group()).isPositive();
            all.add(words.subList(jar + 2, words.size()).stream()
                    .map(w -> w.replace("%S", "/var/lib").replace("%d", "/run/credentials/atlas-ops.service"))
                    .toList());
        }
        return all;
    }

    private static void parses(List<String> args) {
        CommandLine cli = AtlasOpsCommand.commandLine();
        // throws on an option or a command that does not exist
        CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand()).as(String.join(" ", args)).isNotNull();
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
    }

    @Test
    void theUnitsCommandLinesUseOptionsThatExist() throws Exception {
        List<List<String>> lines = execStarts(Files.readString(UNIT));
        assertThat(lines).hasSize(2);
        lines.forEach(DeploymentFilesTest::parses);
        assertThat(lines.get(1)).contains("--tls-cert", "--tls-key");
    }

    @Test
    void theUnitKeepsItsHardening() throws Exception {
        List<String> settings =
                Files.readString(UNIT).lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(settings)
                .contains(
                        "DynamicUser=yes",
                        "StateDirectory=atlas-ops",
                        "NoNewPrivileges=yes",
                        "CapabilityBoundingSet=",
                        "ProtectSystem=strict",
                        "ProtectHome=yes",
                        "PrivateTmp=yes",
                        "PrivateDevices=yes",
                        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
                        "SystemCallFilter=@system-service",
                        "UMask=0077")
                // the JIT needs writable and executable memory: this would stop the JVM
                .noneMatch(l -> l.startsWith("MemoryDenyWriteExecute=yes"));
    }

    @Test
    void theContainerImagesDefaultArgumentsUseOptionsThatExist() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher block = Pattern.compile("(?s)<args>(.*?)</args>").matcher(pom);
        assertThat(block.find()).as("the container profile's <args>").isTrue();
        List<String> args = new ArrayList<>();
        Matcher arg = Pattern.compile("<arg>([^<]*)</arg>").matcher(block.group(1));
        while (arg.find()) {
            args.add(arg.group(1));
        }
        parses(args);
        assertThat(args).containsSubsequence("--host", "0.0.0.0");
    }
}
