package io.pandu.rules;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The types a compiled class refers to, read from its constant pool (JVMS §4.4): every class
 * constant, and every type in a field, method or method-type descriptor, each with the member
 * through which it was met (so a diagnostic can point at {@code chars} rather than at a type the
 * rule never spelled). A small reader instead of a bytecode library: only the pool is needed.
 */
final class ClassReferences {
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([^;<>]+);");

    private ClassReferences() {}

    /**
     * Referenced type (dotted binary name, e.g. {@code java.util.stream.IntStream}) → the names of
     * the members through which it was met (empty when met as a plain class constant only).
     */
    static Map<String, Set<String>> of(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNames = new int[count];
            int[][] nameAndType = new int[count][];
            int[] memberRefs = new int[count]; // → name-and-type index
            int[] memberOwners = new int[count]; // → class index
            int[] methodTypes = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNames[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> {
                        int index = in.readUnsignedShort();
                        if (tag == 16) {
                            methodTypes[i] = index;
                        }
                    }
                    case 9, 10, 11 -> {
                        memberOwners[i] = in.readUnsignedShort();
                        memberRefs[i] = in.readUnsignedShort();
                    }
                    case 12 ->
                            nameAndType[i] =
                                    new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // 8-byte constants take two slots
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    case 17, 18 -> {
                        in.readUnsignedShort();
                        in.readUnsignedShort();
                    }
                    default -> throw new IllegalArgumentException("constant tag " + tag);
                }
            }
            Map<String, Set<String>> types = new LinkedHashMap<>();
            for (int i = 1; i < count; i++) {
                if (memberRefs[i] != 0 && nameAndType[memberRefs[i]] != null) {
                    int[] nt = nameAndType[memberRefs[i]];
                    String owner = utf8[classNames[memberOwners[i]]];
                    if (!owner.startsWith("[")) {
                        add(types, owner.replace('/', '.'), utf8[nt[0]]);
                    }
                    descriptorTypes(utf8[nt[1]], utf8[nt[0]], types);
                }
            }
            for (int i = 1; i < count; i++) {
                if (classNames[i] != 0) {
                    String name = utf8[classNames[i]];
                    if (name.startsWith("[")) {
                        descriptorTypes(name, null, types);
                    } else {
                        add(types, name.replace('/', '.'), null);
                    }
                }
                if (methodTypes[i] != 0) {
                    descriptorTypes(utf8[methodTypes[i]], null, types);
                }
            }
            return types;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable class file: " + e.getMessage(), e);
        }
    }

    private static void descriptorTypes(
            String descriptor, String member, Map<String, Set<String>> into) {
        Matcher m = DESCRIPTOR_TYPE.matcher(descriptor);
        while (m.find()) {
            add(into, m.group(1).replace('/', '.'), member);
        }
    }

    private static void add(Map<String, Set<String>> into, String type, String member) {
        Set<String> members = into.computeIfAbsent(type, t -> new LinkedHashSet<>());
        if (member != null && !member.startsWith("<")) {
            members.add(member);
        }
    }
}
