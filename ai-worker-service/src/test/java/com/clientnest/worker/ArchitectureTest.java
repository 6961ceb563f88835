package com.clientnest.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Fails the build when the package-by-feature structure of the service drifts. */
@AnalyzeClasses(packages = "com.clientnest.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesDoNotDependOnEachOtherInCycles =
            slices().matching("com.clientnest.worker.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theServiceUsesNoOtherServiceOrTheLocalStack = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.clientnest.gateway..",
                    "com.clientnest.cost..",
                    "com.clientnest.local..",
                    "com.clientnest.simulator..");

    @ArchTest
    static final ArchRule nothingWritesToStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule loggingGoesThroughSlf4j = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
