package io.pandu.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The allow-list of what rule code may name or use: the fact, context and guidance types, the
 * playbook the rules read parameters from, and a short list of JDK value types (String, Math, boxed
 * numbers, java.math, java.time, collections). Nothing else of the JDK or of Pandu: a type outside
 * the list is refused in the text (import, qualified or simple name) and in the compiled rule code
 * (a type a chained call reaches, e.g. {@code name().chars()} → IntStream).
 */
final class RuleTypes {
    private RuleTypes() {}

    /** Pandu types rules reason over, by binary name. */
    static final Set<String> PANDU =
            Set.of(
                    "io.pandu.facts.Account",
                    "io.pandu.facts.Activity",
                    "io.pandu.facts.ActivityType",
                    "io.pandu.facts.CommissionSplit",
                    "io.pandu.facts.CommissionTier",
                    "io.pandu.facts.Connection",
                    "io.pandu.facts.Days",
                    "io.pandu.facts.Deal",
                    "io.pandu.facts.Parameter",
                    "io.pandu.facts.Product",
                    "io.pandu.facts.Qualification",
                    "io.pandu.facts.Rep",
                    "io.pandu.facts.Spif",
                    "io.pandu.facts.Territory",
                    "io.pandu.facts.TerritoryPolicy",
                    "io.pandu.context.AccountHolding",
                    "io.pandu.context.DealContext",
                    "io.pandu.context.RepContext",
                    "io.pandu.context.TeamStats",
                    "io.pandu.guidance.GuidanceCollector",
                    "io.pandu.guidance.Recommendation",
                    "io.pandu.guidance.CoachingAlert",
                    "io.pandu.guidance.IncentiveInsight",
                    "io.pandu.guidance.TerritoryFinding",
                    "io.pandu.guidance.Severity",
                    "io.pandu.guidance.RuleRef",
                    "io.pandu.guidance.FiredRule",
                    "io.pandu.playbook.Playbook",
                    "io.pandu.playbook.Stage",
                    "io.pandu.playbook.Stage$Outcome",
                    "io.pandu.playbook.Play");

    /** JDK value types and collections, by binary name. */
    static final Set<String> JDK =
            Set.of(
                    "java.lang.String",
                    "java.lang.Math",
                    "java.lang.Integer",
                    "java.lang.Long",
                    "java.lang.Double",
                    "java.lang.Float",
                    "java.lang.Short",
                    "java.lang.Byte",
                    "java.lang.Boolean",
                    "java.lang.Character",
                    "java.lang.Number",
                    "java.lang.Comparable",
                    "java.lang.CharSequence",
                    "java.lang.Iterable",
                    "java.math.BigDecimal",
                    "java.math.BigInteger",
                    "java.math.RoundingMode",
                    "java.math.MathContext",
                    "java.util.Collection",
                    "java.util.List",
                    "java.util.Set",
                    "java.util.Map",
                    "java.util.Map$Entry",
                    "java.util.SortedSet",
                    "java.util.SortedMap",
                    "java.util.NavigableSet",
                    "java.util.NavigableMap",
                    "java.util.ArrayList",
                    "java.util.LinkedList",
                    "java.util.HashMap",
                    "java.util.HashSet",
                    "java.util.LinkedHashMap",
                    "java.util.LinkedHashSet",
                    "java.util.TreeMap",
                    "java.util.TreeSet",
                    "java.util.EnumSet",
                    "java.util.EnumMap",
                    "java.util.Collections",
                    "java.util.Comparator",
                    "java.util.Iterator",
                    "java.util.Optional",
                    "java.util.Objects");

    /** JDK packages whose every type is a value type rules may use. */
    static final List<String> JDK_PACKAGES =
            List.of("java.time.", "java.time.temporal.", "java.time.format.", "java.time.chrono.");

    /**
     * What compiled rule code needs besides the allowed types: the engine's own classes and the
     * plumbing javac emits (Object, lambdas, string concatenation, exceptions it wraps). Rule text
     * cannot name these (the text check refuses them), so they can only come from the glue.
     */
    private static final List<String> GLUE_PREFIXES =
            List.of(
                    "org.drools.",
                    "org.kie.",
                    "org.mvel2.",
                    "java.lang.invoke.",
                    "java.util.function.");

    private static final Set<String> GLUE =
            Set.of(
                    "java.lang.Object",
                    "java.lang.Class",
                    "java.lang.Enum",
                    "java.lang.Void",
                    "java.lang.StringBuilder",
                    "java.lang.Throwable",
                    "java.lang.Exception",
                    "java.lang.RuntimeException",
                    "java.lang.Error",
                    "java.io.Serializable");

    static final Set<String> ALL =
            Stream.concat(PANDU.stream(), JDK.stream()).collect(Collectors.toUnmodifiableSet());

    /**
     * Simple names rule text may use for a type ({@code Map.Entry} is {@code Map}, then a member).
     */
    static final Set<String> SIMPLE_NAMES =
            ALL.stream()
                    .filter(n -> !n.contains("$"))
                    .map(n -> n.substring(n.lastIndexOf('.') + 1))
                    .collect(Collectors.toUnmodifiableSet());

    /** Whether rule text may import or spell out this type (dotted name; nested as {@code A.B}). */
    static boolean allowed(String dotted) {
        if (ALL.contains(dotted) || inJdkPackage(dotted)) {
            return true;
        }
        int dot = dotted.lastIndexOf('.');
        // a nested type written with a dot: Stage.Outcome, Map.Entry
        return dot > 0 && ALL.contains(dotted.substring(0, dot) + "$" + dotted.substring(dot + 1));
    }

    /**
     * Whether a dotted name is an allowed type or a member of one ({@code java.time.LocalDate.of}).
     */
    static boolean allowedOrMember(String dotted) {
        for (String prefix = dotted;
                prefix.contains(".");
                prefix = prefix.substring(0, prefix.lastIndexOf('.'))) {
            if (allowed(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code pkg.*} only brings in allowed types (checked again where each is used). */
    static boolean allowedWildcard(String pkg) {
        String prefix = pkg + ".";
        return JDK_PACKAGES.contains(prefix)
                || ALL.stream()
                        .anyMatch(n -> n.startsWith(prefix) && n.indexOf('.', prefix.length()) < 0);
    }

    /**
     * Whether compiled rule code may use this type (binary name), given the packages the rule files
     * declare (their generated classes live there).
     */
    static boolean compiledAllowed(String binary, Set<String> rulePackages) {
        String name = binary;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (ALL.contains(name) || GLUE.contains(name) || inJdkPackage(name)) {
            return true;
        }
        for (String prefix : GLUE_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? "" : name.substring(0, dot);
        return rulePackages.contains(pkg);
    }

    /**
     * Whether a type an MVEL expression reaches (binary name) is one rules may use: an allowed
     * type, a type the rule files declare, or Object (what a map or list gives back). Stricter than
     * {@link #compiledAllowed}: an expression has no generated glue, so the engine's own classes,
     * Class and the functional interfaces are not allowed there.
     */
    static boolean expressionAllowed(String binary, Set<String> rulePackages) {
        if (ALL.contains(binary) || inJdkPackage(binary) || binary.equals("java.lang.Object")) {
            return true;
        }
        int dot = binary.lastIndexOf('.');
        return rulePackages.contains(dot < 0 ? "" : binary.substring(0, dot));
    }

    /** The allowed types by simple name, as an expression names one for a static member. */
    static Map<String, Class<?>> bySimpleName(ClassLoader loader) {
        Map<String, Class<?>> types = new java.util.HashMap<>();
        for (String name : ALL) {
            if (name.contains("$")) {
                continue;
            }
            try {
                types.put(
                        name.substring(name.lastIndexOf('.') + 1),
                        Class.forName(name, false, loader));
            } catch (ClassNotFoundException e) {
                // not on this class path: nothing to resolve through it
            }
        }
        return types;
    }

    private static boolean inJdkPackage(String name) {
        for (String pkg : JDK_PACKAGES) {
            if (name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0) {
                return true;
            }
        }
        return false;
    }
}
