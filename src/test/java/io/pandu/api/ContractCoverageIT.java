package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pandu.testing.ResponseContract;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the contract received at least one response that was checked against it
 * ({@link ResponseContract}, through the test HTTP client). It runs after every other integration
 * test of the JVM ({@link ClassOrderer.OrderAnnotation}, set for failsafe in the pom), and only
 * when they all ran: with {@code -Dit.test=…} it skips, unless {@code
 * -Dpandu.contractCoverage=true} says the selection covers every operation (e.g. {@code
 * -Dit.test='io.pandu.api.*IT'}).
 */
@Order(Integer.MAX_VALUE)
class ContractCoverageIT {

    @Test
    void everyOperationOfTheContractGotAValidatedResponse() {
        Assumptions.assumeTrue(
                System.getProperty("it.test") == null
                        || Boolean.getBoolean("pandu.contractCoverage"),
                "ContractCoverageIT skipped: only a run of every integration test (no -Dit.test) exercises every operation");
        ResponseContract contract = ResponseContract.get();
        Set<String> missing = new TreeSet<>(contract.operations());
        missing.removeAll(contract.exercised());
        assertEquals(Set.of(), missing, "operations no integration test got a response from");
    }
}
