package io.pandu.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pandu.errors.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fact sets are read strictly: anything that cannot be taken as written is refused at its JSON
 * path.
 */
class FactSetJsonTest {

    /** Three deals that read fine, so a fourth can be the broken one at index 3. */
    private static final String THREE_GOOD_DEALS =
            """
            {"id": "D0", "stage": "Engaging", "closeDatePushes": 0},
            {"id": "D1", "stage": "Engaging", "closeDatePushes": 0},
            {"id": "D2", "stage": "Engaging", "closeDatePushes": 0},
            """;

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(
                        "unknown field",
                                """
                        {"deals": [{"id": "D0", "closeDatePushes": 0}, {"id": "D1", "colour": "red", "closeDatePushes": 0}]}
                        """,
                        "deals[1].colour", "unknown field \"colour\""),
                Arguments.of(
                        "text for a number",
                                """
                        {"deals": [{"id": "D0", "amount": "lots", "closeDatePushes": 0}]}
                        """,
                        "deals[0].amount", "cannot read \"lots\" as a number"),
                Arguments.of(
                        "list for a number",
                                """
                        {"deals": [{"id": "D0", "amount": [1], "closeDatePushes": 0}]}
                        """,
                        "deals[0].amount", "expected a number"),
                Arguments.of(
                        "impossible date",
                        "{\"deals\": ["
                                + THREE_GOOD_DEALS
                                + """
                        {"id": "D3", "closeDate": "2017-02-30", "closeDatePushes": 0}]}
                        """,
                        "deals[3].closeDate",
                        "cannot read \"2017-02-30\" as a date (YYYY-MM-DD)"),
                Arguments.of(
                        "date in another format",
                        "{\"deals\": ["
                                + THREE_GOOD_DEALS
                                + """
                        {"id": "D3", "closeDate": "30/06/2017", "closeDatePushes": 0}]}
                        """,
                        "deals[3].closeDate",
                        "cannot read \"30/06/2017\" as a date (YYYY-MM-DD)"),
                Arguments.of(
                        "number for a date",
                                """
                        {"reps": [{"id": "R1", "hireDate": 20170101}]}
                        """,
                        "reps[0].hireDate", "expected a date (YYYY-MM-DD)"),
                Arguments.of(
                        "unknown activity type",
                        """
                        {"activities": [{"id": "X1", "type": "meetin", "date": "2017-06-01"}]}
                        """,
                        "activities[0].type",
                        "unknown activity type \"meetin\" (expected one of call, email, meeting, demo, proposal, note)"),
                Arguments.of(
                        "activity type by number",
                        """
                        {"activities": [{"id": "X1", "type": 2, "date": "2017-06-01"}]}
                        """,
                        "activities[0].type",
                        "unknown activity type \"2\" (expected one of call, email, meeting, demo, proposal, note)"),
                Arguments.of(
                        "two values",
                                """
                        {"asOf": "2017-06-30"} {}
                        """,
                        "$", "unexpected content after the end of the JSON value"),
                Arguments.of(
                        "a list, not a fact set",
                                """
                        []
                        """,
                        "$", "expected an object"),
                Arguments.of(
                        "null",
                                """
                        null
                        """,
                        "$", "a fact set JSON object is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedAtItsPath(String what, String json, String field, String message) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> FactSetJson.read(json));

        assertEquals(field, e.field());
        assertEquals(field + ": " + message, e.getMessage());
        assertEquals(400, e.status());
    }

    static Stream<Arguments> outOfBounds() {
        String longId = "x".repeat(201);
        return Stream.of(
                Arguments.of("{\"deals\": [{\"id\": \"" + longId + "\"}]}", "deals[0].id"),
                Arguments.of(
                        "{\"deals\": [{\"id\": \"D\", \"name\": \"" + "n".repeat(1001) + "\"}]}",
                        "deals[0].name"),
                Arguments.of(
                        "{\"deals\": [{\"id\": \"D\", \"product\": \"" + longId + "\"}]}",
                        "deals[0].product"),
                Arguments.of("{\"deals\": [{\"id\": \"D\", \"amount\": 1e18}]}", "deals[0].amount"),
                Arguments.of(
                        "{\"deals\": [{\"id\": \"D\", \"amount\": 10.005}]}", "deals[0].amount"),
                Arguments.of("{\"deals\": [{\"id\": \"D\", \"amount\": -1}]}", "deals[0].amount"),
                Arguments.of(
                        "{\"deals\": [{\"id\": \"D\", \"discountPercent\": 100.5}]}",
                        "deals[0].discountPercent"),
                Arguments.of(
                        "{\"deals\": [{\"id\": \"D\", \"discountPercent\": -1}]}",
                        "deals[0].discountPercent"),
                Arguments.of(
                        "{\"deals\": [{\"id\": \"D\", \"closeDate\": \"2201-01-01\"}]}",
                        "deals[0].closeDate"),
                Arguments.of("{\"asOf\": \"-999999999-01-01\"}", "asOf"),
                Arguments.of("{\"asOf\": \"1899-12-31\"}", "asOf"),
                Arguments.of(
                        "{\"reps\": [{\"id\": \"r1\", \"managerId\": \"r1\"}]}",
                        "reps[0].managerId"),
                Arguments.of(
                        "{\"reps\": [{\"id\": \"r1\", \"region\": \"" + longId + "\"}]}",
                        "reps[0].region"),
                Arguments.of(
                        "{\"reps\": [{\"id\": \"r1\", \"certifications\": [\"a\", \""
                                + longId
                                + "\"]}]}",
                        "reps[0].certifications[1]"),
                Arguments.of(
                        "{\"accounts\": [{\"id\": \"a\", \"name\": \"" + "n".repeat(501) + "\"}]}",
                        "accounts[0].name"),
                Arguments.of(
                        "{\"activities\": [{\"id\": \"a\", \"date\": \"0001-01-01\"}]}",
                        "activities[0].date"),
                Arguments.of(
                        "{\"products\": [{\"name\": \"p\", \"price\": 0.001}]}",
                        "products[0].price"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("outOfBounds")
    void valuesBeyondWhatTheStoreKeepsAreRefusedAtTheirPath(String json, String field) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> FactSetJson.read(json));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(400, e.status());
    }

    @Test
    void valuesAtTheBoundsAreAccepted() {
        FactSet facts =
                FactSetJson.read(
                        "{\"asOf\": \"2200-12-31\", \"deals\": [{\"id\": \""
                                + "x".repeat(200)
                                + "\", \"amount\": 999999999999999999.99, \"discountPercent\": 100,"
                                + " \"createdDate\": \"1900-01-01\"}]}");
        assertEquals(new BigDecimal("999999999999999999.99"), facts.deals().get(0).amount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedJsonIsRefusedWithItsPosition(String json, String message) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> FactSetJson.read(json));

        assertEquals("$", e.field());
        assertEquals("$: " + message, e.getMessage());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(
                        "{\"deals\": [}",
                        "malformed JSON at line 1, column 12: Unexpected close marker '}': expected ']'"),
                Arguments.of(
                        "{\"asOf\": \"2017-06-30\",",
                        "malformed JSON at line 1, column 23: Unexpected end-of-input within/between Object entries"));
    }

    @Test
    void absentValuesTakeTheirDocumentedDefaults() {
        FactSet facts =
                FactSetJson.read(
                        """
                {"asOf": "2017-06-30",
                 "reps": [{"id": "R1", "hireDate": ""}],
                 "deals": [{"id": "D1", "stage": "Lead", "closeDatePushes": 2}]}
                """);

        assertEquals(LocalDate.of(2017, 6, 30), facts.asOf());
        assertNull(facts.reps().get(0).hireDate(), "an empty date is no date");
        Deal deal = facts.deals().get(0);
        assertEquals(BigDecimal.ZERO, deal.amount());
        assertEquals(BigDecimal.ZERO, deal.discountPercent());
        assertEquals(Qualification.NONE, deal.qualification());
        assertEquals(2, deal.closeDatePushes());
        assertEquals(0, facts.activities().size());
    }

    @Test
    void aCountOrCheckboxLeftOutMeansNoneYet() {
        FactSet facts =
                FactSetJson.read(
                        """
                {"deals": [{"id": "D0", "qualification": {"champion": true, "pain": null}}]}
                """);

        Deal deal = facts.deals().get(0);
        assertEquals(0, deal.closeDatePushes());
        assertEquals(true, deal.qualification().champion());
        assertEquals(false, deal.qualification().economicBuyer(), "not stated is not established");
        assertEquals(false, deal.qualification().pain());
    }
}
