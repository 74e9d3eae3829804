package org.atlasops.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency and package rules of DESIGN.md, checked on the compiled classes of every module on the
 * classpath: kb uses no other module; only cli and server pick frameworks; only they use store; packages are by
 * feature, never by layer; no package is shared by two modules.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.atlasops");
    }

    @Test
    void kbUsesNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.kb..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.atlasops.kb..",
                        "java..",
                        "javax..",
                        "com.fasterxml.jackson..",
                        "org.snakeyaml..",
                        "org.apache.lucene..")
                .because("kb is the vocabulary every module speaks and depends on no other module")
                .check(classes);
    }

    @Test
    void navigatorUsesOnlyKbAndItsFormatLibraries() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.navigator..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.atlasops.navigator..",
                        "org.atlasops.kb..",
                        "java..",
                        "javax.imageio..",
                        "com.fasterxml.jackson..",
                        "org.apache.poi..",
                        "org.openxmlformats..")
                .because("layers are drawn over the knowledge base; JSON, xlsx and PNG are their only formats")
                .check(classes);
    }

    @Test
    void detectUsesOnlyKbAndItsParsers() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.detect..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.atlasops.detect..",
                        "org.atlasops.kb..",
                        "java..",
                        "javax.net.ssl..",
                        "com.fasterxml.jackson..",
                        "org.snakeyaml..",
                        "org.apache.kafka..",
                        "io.modelcontextprotocol..",
                        "dev.langchain4j.model.embedding..",
                        "dev.langchain4j.data.embedding..",
                        "dev.langchain4j.model.output..",
                        "ai.onnxruntime..",
                        "ai.djl.huggingface.tokenizers..")
                .because("the engine is a library other modules call; frameworks stay at the edges (the MCP SDK is "
                        + "the protocol the scanner speaks; ONNX Runtime and the DJL tokenizer run the prompt "
                        + "detector's embedding model in-process, docs/adr/007)")
                .check(classes);
    }

    @Test
    void onlyTheEncoderTouchesOnnxRuntimeAndTheTokenizer() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("org.atlasops.detect.prompt.MiniLmEncoder")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.onnxruntime..", "ai.djl..")
                .because("the model path's session options and tokenizer steps are MiniLmEncoder's, behind a "
                        + "package-private class (docs/benchmarks.md, the model path)")
                .check(classes);
    }

    @Test
    void onlyTheRuleEngineUsesItsSpeedMachinery() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.atlasops.detect.sigma..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.atlasops.detect.sigma.accel..")
                .because("the automaton, prefilters, prerequisites, key index, memos and evaluation context are the "
                        + "rule engine's internals, not an API")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.detect.sigma.accel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.atlasops.detect.sigma",
                        "org.atlasops.detect.sigma.compile..",
                        "org.atlasops.detect.sigma.match..",
                        "org.atlasops.detect.sigma.correlation..")
                .because("the speed machinery knows nothing of rules: what a rule means is read without it")
                .check(classes);
    }

    @Test
    void theRuleEngineIsSplitByJob() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.atlasops.detect.sigma..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.atlasops.detect.sigma.compile..", "org.atlasops.detect.sigma.match..")
                .because("the compiler and the compiled predicates are the engine's internals: rules are loaded "
                        + "with RuleLoader and run with Detector")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.detect.sigma.match..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.atlasops.detect.sigma",
                        "org.atlasops.detect.sigma.compile..",
                        "org.atlasops.detect.sigma.correlation..")
                .because("a compiled rule is evaluated on its own: matching knows nothing of YAML, compilation, "
                        + "rules or correlations")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.detect.sigma.correlation..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.atlasops.detect.sigma.compile..")
                .because("correlations work on the matches of compiled rules, never on their compilation")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackages("org.atlasops.detect.sigma..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.atlasops.detect.sigma.correlation..")
                        .and(DescribedPredicate.not(correlationModel())))
                .because("outside the engine a correlation is a rule (CorrelationRule) and a store for its windows "
                        + "(CorrelationState); the engine, windows and group table are internals")
                .check(classes);
    }

    /** CorrelationRule, CorrelationState and their nested types. */
    private static DescribedPredicate<JavaClass> correlationModel() {
        return DescribedPredicate.describe("the correlation model", c -> {
            String top = c.getName().replaceFirst("\\$.*", "");
            return top.equals("org.atlasops.detect.sigma.correlation.CorrelationRule")
                    || top.equals("org.atlasops.detect.sigma.correlation.CorrelationState");
        });
    }

    @Test
    void intelTaxiiUsesOnlyKbJacksonAndTheJdk() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.intel.taxii..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.atlasops.intel.taxii..", "org.atlasops.kb..", "java..", "com.fasterxml.jackson..")
                .because("the TAXII logic and client need no web framework: the server mounts the service, and the "
                        + "client speaks HTTP with the JDK's client (docs/adr/008)")
                .check(classes);
    }

    @Test
    void storeKeepsDataOfKbAndNavigatorOnly() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.store..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.atlasops.store..",
                        "org.atlasops.kb..",
                        "org.atlasops.navigator..",
                        "org.atlasops.intel..",
                        "java..",
                        "javax..",
                        "com.fasterxml.jackson..",
                        "org.flywaydb..",
                        "com.zaxxer.hikari..")
                .because(
                        "store uses the feature modules whose data it keeps (kb, navigator, intel), over JDBC with its pool and "
                                + "migrations")
                .check(classes);
    }

    @Test
    void onlyTheEdgesUseTheStore() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.atlasops.store..", "org.atlasops.server..", "org.atlasops.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.atlasops.store..")
                .because("only server and cli use store")
                .check(classes);
    }

    @Test
    void serverDoesNotReachIntoTheCli() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.atlasops.cli..", "picocli..")
                .because("the CLI starts the server, not the other way round")
                .check(classes);
    }

    @Test
    void onlyTheEdgesPickACliFrameworkOrLoggingBackend() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.atlasops.cli..", "org.atlasops.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "picocli..",
                        "io.javalin..",
                        "org.eclipse.jetty..",
                        "org.slf4j.simple..",
                        "ch.qos.logback..",
                        "org.apache.logging.log4j.core..",
                        "org.apache.logging.slf4j..")
                .because("library modules log through an API and serve nothing: whoever embeds them picks the "
                        + "CLI framework, the web framework and the logging backend (docs/adr/004)")
                .check(classes);
    }

    @Test
    void emulateUsesOnlyKbJacksonSnakeyamlAndTheMcpSdk() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.emulate..")
                .and()
                .resideOutsideOfPackage("org.atlasops.emulate.lab..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.atlasops.emulate..",
                        "org.atlasops.kb..",
                        "java..",
                        "com.fasterxml.jackson..",
                        "org.snakeyaml..",
                        "io.modelcontextprotocol..",
                        "reactor..")
                .because("procedures, converters, judges, runs, reports and targets are a library over kb (the MCP "
                        + "SDK is the protocol MCP targets speak; docs/adr/008); "
                        + "the check of a run by detection is composed in assess")
                .check(classes);
    }

    @Test
    void featureModulesAreDependencyPeers() {
        String[] peers = {"navigator", "detect", "emulate", "intel"};
        for (String module : peers) {
            java.util.List<String> others = new java.util.ArrayList<>(java.util.List.of(
                    "org.atlasops.store..", "org.atlasops.server..", "org.atlasops.cli..", "org.atlasops.assess.."));
            for (String other : peers) {
                if (!other.equals(module)) {
                    others.add("org.atlasops." + other + "..");
                }
            }
            noClasses()
                    .that()
                    .resideInAPackage("org.atlasops." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others.toArray(String[]::new))
                    .because("feature modules are peers; what joins two of them is composed at the edge")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void emulateServesTheLabWithTheJdkAndItsTargetsKnowNoLab() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.emulate..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.servlet..", "org.eclipse.jetty..", "io.javalin..")
                .because("the lab serves HTTP and MCP on the JDK's com.sun.net.httpserver; emulate picks no web "
                        + "framework (docs/adr/008)")
                .allowEmptyShould(true)
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.emulate.target..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.atlasops.emulate.lab..")
                .because("targets attack any endpoint; the lab is one endpoint among others and builds on them")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyStoreAndTheEdgesUseAssess() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "org.atlasops.assess..", "org.atlasops.store..", "org.atlasops.server..", "org.atlasops.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.atlasops.assess..")
                .because("assess is the one module that joins features; only store, server and cli build on it")
                .check(classes);
    }

    @Test
    void assessJoinsFeaturesWithoutFrameworksOrStorage() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.assess..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.atlasops.assess..",
                        "org.atlasops.kb..",
                        "org.atlasops.navigator..",
                        "org.atlasops.detect..",
                        "org.atlasops.emulate..",
                        "org.atlasops.intel..",
                        "java..",
                        "com.fasterxml.jackson..")
                .because("assess joins the feature modules (docs/adr/008); storage, web and CLI frameworks stay at "
                        + "the edges, and YAML is read through kb's safe layer")
                .check(classes);
    }

    @Test
    void packagesAreByFeatureNotByLayer() {
        Set<String> layers = Set.of(
                "util",
                "utils",
                "model",
                "models",
                "service",
                "services",
                "common",
                "helper",
                "helpers",
                "impl",
                "misc");
        for (JavaClass c : classes) {
            for (String part : c.getPackageName().split("\\.")) {
                assertThat(layers).as("package of " + c.getName()).doesNotContain(part);
            }
        }
    }

    @Test
    void noPackageIsSharedByTwoModules() {
        Map<String, Set<String>> modulesByPackage = new HashMap<>();
        for (JavaClass c : classes) {
            URI location = c.getSource().map(s -> s.getUri()).orElseThrow();
            modulesByPackage
                    .computeIfAbsent(c.getPackageName(), k -> new TreeSet<>())
                    .add(module(location));
        }
        modulesByPackage.forEach((pkg, modules) -> assertThat(modules).as(pkg).hasSize(1));
        assertThat(modulesByPackage)
                .containsKeys(
                        "org.atlasops.kb", "org.atlasops.navigator", "org.atlasops.detect.sigma", "org.atlasops.cli");
    }

    /** The module a class file came from: its jar, or the module directory above target/classes. */
    private static String module(URI location) {
        String s = location.toString();
        int target = s.indexOf("/target/classes/");
        if (target >= 0) {
            String before = s.substring(0, target);
            return before.substring(before.lastIndexOf('/') + 1);
        }
        int jar = s.indexOf(".jar!");
        return jar >= 0 ? s.substring(s.lastIndexOf('/', jar) + 1, jar) : s;
    }

    @Test
    void intelUsesOnlyKbAndItsFormatLibraries() {
        noClasses()
                .that()
                .resideInAPackage("org.atlasops.intel..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.atlasops.intel..",
                        "org.atlasops.kb..",
                        "java..",
                        "com.fasterxml.jackson..",
                        "org.snakeyaml.engine..",
                        "org.apache.lucene..",
                        "org.apache.commons.compress..")
                .because("intel uses kb only (ADR 008), with its readers of YAML, JSON, CSV archives and its index")
                .check(classes);
    }
}
