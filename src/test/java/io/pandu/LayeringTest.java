package io.pandu;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The architecture, as rules the build checks: data flows one way (facts → rules → evaluate →
 * feature services → api, cli), the composition root is the only place that wires and reads the
 * system time, and SQL stays in the store and the repositories. {@code mvn verify} fails when a
 * change breaks one of them.
 */
@AnalyzeClasses(packages = "io.pandu", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String[] ENGINE = {
        "io.pandu.facts..",
        "io.pandu.guidance..",
        "io.pandu.context..",
        "io.pandu.rules..",
        "io.pandu.evaluate..",
        "io.pandu.playbook..",
        "io.pandu.scenario.."
    };

    @ArchTest
    static final ArchRule nothingButTheRootDependsOnTheHttpLayer =
            noClasses()
                    .that()
                    .resideOutsideOfPackages("io.pandu.api..", "io.pandu.app..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.pandu.api..")
                    .because("api is HTTP only: routes, handlers, the contract, problems");

    @ArchTest
    static final ArchRule nothingDependsOnTheCommandLine =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.pandu.cli..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.pandu.cli..");

    @ArchTest
    static final ArchRule theRootIsBuiltOnlyByTheCommandLine =
            noClasses()
                    .that()
                    .resideOutsideOfPackages("io.pandu.app..", "io.pandu.cli..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.pandu.app..")
                    .because(
                            "services get what they need through their constructors, not from the root");

    @ArchTest
    static final ArchRule theEngineKnowsNoStoreHttpOrCommandLine =
            noClasses()
                    .that()
                    .resideInAnyPackage(ENGINE)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.pandu.store..",
                            "io.pandu.api..",
                            "io.pandu.cli..",
                            "io.pandu.app..",
                            "io.vertx..",
                            "picocli..",
                            "java.sql..",
                            "javax.sql..");

    @ArchTest
    static final ArchRule onlyTheHttpLayerAndTheRootUseVertx =
            noClasses()
                    .that()
                    .resideOutsideOfPackages(
                            "io.pandu.api..", "io.pandu.app..", "io.pandu.metrics..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.vertx..");

    @ArchTest
    static final ArchRule sqlLivesInTheStoreAndTheRepositories =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.pandu.store..")
                    .and()
                    .haveNameNotMatching(".*Repository(\\$.*)?")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("java.sql..", "javax.sql..");

    @ArchTest
    static final ArchRule wallTimeComesFromTheInjectedClock =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.pandu.app..")
                    .should()
                    .callMethod(Clock.class, "systemUTC")
                    .orShould()
                    .callMethod(Clock.class, "systemDefaultZone")
                    .orShould()
                    .callMethod(Instant.class, "now")
                    .orShould()
                    .callMethod(LocalDate.class, "now")
                    .orShould()
                    .callMethod(LocalDateTime.class, "now")
                    .orShould()
                    .callMethod(Instant.class, "now", Clock.class)
                    .orShould()
                    .callMethod(LocalDate.class, "now", Clock.class)
                    .orShould()
                    .callMethod(LocalDateTime.class, "now", Clock.class)
                    .because(
                            "the root holds the one Clock; the business calendar is a named as-of date");

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("io.pandu.(*)..").should().beFreeOfCycles();
}
