package io.pandu.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The types an MVEL expression of a compiled rule reaches through its chains of members ({@code
 * getDeal().name().chars()} reaches {@code String}, then {@code IntStream}), resolved by reflection
 * from what the compiled knowledge says each name is: a declaration of the rule (its class), the
 * pattern's own fact (an unqualified member is the fact's), the guidance global, or an allowed type
 * named for a static member ({@code String.valueOf(...)}). The rule text never spells these types,
 * and conditions and MVEL consequences are not Java classes the class-file check could read.
 *
 * <p>A link that cannot be resolved (a map key, a member MVEL finds only at run time) ends its
 * chain: what it reaches is only known at run time, where everything a rule can reach from there
 * was already reached by a resolvable name or refused in the text.
 */
final class ExpressionTypes {
    private ExpressionTypes() {}

    private record Link(String name, boolean call) {}

    /**
     * Reached type (binary name) → the members through which it was reached.
     *
     * @param self the pattern's fact type (an unqualified member is its member); null for a
     *     consequence
     * @param variables the rule's declarations and globals by name, with their classes
     * @param statics allowed types by simple name, for {@code Type.member}
     */
    static Map<String, Set<String>> reached(
            String expression,
            Class<?> self,
            Map<String, Class<?>> variables,
            Map<String, Class<?>> statics) {
        String code = blankStrings(expression);
        Map<String, Set<String>> reached = new LinkedHashMap<>();
        int n = code.length();
        for (int i = 0; i < n; i++) {
            char c = code.charAt(i);
            if (!Character.isJavaIdentifierStart(c)
                    || (i > 0 && Character.isJavaIdentifierPart(code.charAt(i - 1)))
                    || previousNonSpace(code, i) == '.') {
                continue;
            }
            List<Link> chain = new ArrayList<>();
            int j = i;
            while (true) {
                int end = j;
                while (end < n && Character.isJavaIdentifierPart(code.charAt(end))) {
                    end++;
                }
                String name = code.substring(j, end);
                int k = skipSpaces(code, end);
                boolean call = k < n && code.charAt(k) == '(';
                if (call) {
                    k = closingParen(code, k) + 1;
                }
                chain.add(new Link(name, call));
                k = skipSpaces(code, k);
                if (k < n && code.charAt(k) == '.') {
                    k++;
                } else if (k + 1 < n
                        && (code.charAt(k) == '!' || code.charAt(k) == '?')
                        && code.charAt(k + 1) == '.') {
                    k += 2; // MVEL's null-safe navigation
                } else {
                    break;
                }
                k = skipSpaces(code, k);
                if (k >= n || !Character.isJavaIdentifierStart(code.charAt(k))) {
                    break;
                }
                j = k;
            }
            resolve(chain, self, variables, statics, reached);
        }
        return reached;
    }

    private static void resolve(
            List<Link> chain,
            Class<?> self,
            Map<String, Class<?>> variables,
            Map<String, Class<?>> statics,
            Map<String, Set<String>> reached) {
        Link root = chain.get(0);
        Class<?> type;
        int from = 1;
        if (!root.call() && variables.containsKey(root.name())) {
            type = variables.get(root.name());
        } else if (self != null && member(self, root) != null) {
            type = self;
            from = 0;
        } else if (!root.call() && statics.containsKey(root.name())) {
            type = statics.get(root.name());
        } else {
            return;
        }
        for (int i = from; i < chain.size() && type != null; i++) {
            Link link = chain.get(i);
            Class<?> next = member(type, link);
            if (next == null) {
                return;
            }
            Class<?> recorded = next;
            while (recorded.isArray()) {
                recorded = recorded.getComponentType();
            }
            if (!recorded.isPrimitive()) {
                reached.computeIfAbsent(recorded.getName(), t -> new LinkedHashSet<>())
                        .add(link.name());
            }
            type = next.isPrimitive() ? null : next;
        }
    }

    /** The type a member of {@code type} gives: a method's return type, a property or field's. */
    private static Class<?> member(Class<?> type, Link link) {
        if (link.call()) {
            for (Method m : type.getMethods()) {
                if (m.getName().equals(link.name()) && m.getReturnType() != void.class) {
                    return m.getReturnType();
                }
            }
            return null;
        }
        String cap =
                link.name().isEmpty()
                        ? ""
                        : Character.toUpperCase(link.name().charAt(0)) + link.name().substring(1);
        for (String getter : new String[] {"get" + cap, "is" + cap, link.name()}) {
            try {
                Method m = type.getMethod(getter);
                if (m.getReturnType() != void.class) {
                    return m.getReturnType();
                }
            } catch (NoSuchMethodException e) {
                // not this spelling
            }
        }
        try {
            Field f = type.getField(link.name());
            return Modifier.isPublic(f.getModifiers()) ? f.getType() : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static char previousNonSpace(String code, int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (!Character.isWhitespace(code.charAt(k))) {
                return code.charAt(k);
            }
        }
        return 0;
    }

    private static int skipSpaces(String code, int i) {
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index of the parenthesis closing the one at {@code open} (the end if none). */
    private static int closingParen(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }

    /** The expression with the contents of its string and character literals blanked. */
    static String blankStrings(String expression) {
        StringBuilder out = new StringBuilder(expression.length());
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < expression.length()) {
                    out.append("  ");
                    i++;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                    out.append(c);
                } else {
                    out.append(c == '\n' ? '\n' : ' ');
                }
            } else {
                if (c == '"' || c == '\'') {
                    quote = c;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
