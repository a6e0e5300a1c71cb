package dev.stepwise.lambda.nativecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.lambda.NativeReflection;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * Checks the native-image configuration statically, since these machines cannot build one: every
 * type Jackson binds by reflection anywhere in the compiled code (readValue / treeToValue /
 * convertValue to a class, valueToTree / writeValue* of a non-tree value) must be registered for
 * reflection — with all subtypes of a sealed type, and the component types of a record — and
 * every classpath resource the code loads must be covered by quarkus.native.resources.includes.
 */
class NativeConfigurationTest {
    private static final Set<String> MAPPERS = Set.of("com/fasterxml/jackson/databind/ObjectMapper",
            "com/fasterxml/jackson/databind/json/JsonMapper", "com/fasterxml/jackson/databind/ObjectReader",
            "com/fasterxml/jackson/databind/ObjectWriter");
    /** Methods whose target type is a Class argument. */
    private static final Set<String> READS = Set.of("readValue", "readValues", "treeToValue", "convertValue", "readerFor",
            "writerFor", "forType", "updateValue");
    /** Methods whose bound type is the static type of the value argument. */
    private static final Set<String> WRITES = Set.of("valueToTree", "writeValueAsString", "writeValueAsBytes", "writeValue");

    @Test
    void everyTypeTheCompiledCodeBindsWithJacksonIsRegisteredForReflection() throws IOException {
        List<Binding> bindings = bindings(Path.of("target/classes"));
        List<String> missing = unregistered(bindings);
        assertEquals(List.of(), missing, "register these in " + NativeReflection.class.getName() + " (found " + bindings + ")");
    }

    @Test
    void theScannerReportsAnUnregisteredBindingInBothDirectionsAndIgnoresTrees() throws IOException {
        List<Binding> bindings = bindings(Path.of("target/test-classes")).stream()
                .filter(b -> b.site().startsWith(UnregisteredBinding.class.getName())).toList();
        assertEquals(List.of(
                "dev.stepwise.lambda.nativecheck.UnregisteredBinding$Point",
                "dev.stepwise.lambda.nativecheck.UnregisteredBinding$Point"), unregistered(bindings));
    }

    @Test
    void theJsonataBuiltInsWhichTheLibraryFindsByReflectionAreRegistered() {
        assertTrue(registered().contains("com.dashjoin.jsonata.Functions"));
    }

    @Test
    void everyResourceTheCodeLoadsIsIncludedInTheNativeImage() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        List<PathMatcher> includes = Arrays.stream(properties.getProperty("quarkus.native.resources.includes", "").split(","))
                .filter(s -> !s.isBlank()).map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g.trim())).toList();
        List<String> outside = new ArrayList<>();
        for (ClassNode type : classes(Path.of("target/classes"))) {
            if (type.name.startsWith("dev/stepwise/local/")) {
                continue; // the laptop runner (./stepwise, its console files) runs on the JVM only, never in the native Lambda
            }
            for (MethodNode method : type.methods) {
                String lastString = null;
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s) {
                        lastString = s;
                    } else if (insn instanceof MethodInsnNode call && call.name.startsWith("getResource")
                            && (call.owner.equals("java/lang/Class") || call.owner.equals("java/lang/ClassLoader"))) {
                        String name = lastString == null ? "<computed>" : lastString.replaceFirst("^/", "");
                        if (includes.stream().noneMatch(m -> m.matches(Path.of(name)))) {
                            outside.add(type.name + "." + method.name + ": " + name);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), outside, "add these to quarkus.native.resources.includes");
    }

    /** A type bound by reflection at a call site. */
    record Binding(String site, String type) {
        @Override
        public String toString() {
            return type + " at " + site;
        }
    }

    private static List<String> unregistered(List<Binding> bindings) {
        Set<String> registered = registered();
        List<String> missing = new ArrayList<>();
        for (Binding binding : bindings) {
            for (String type : required(binding.type())) {
                if (!registered.contains(type)) {
                    missing.add(type);
                }
            }
        }
        return missing;
    }

    /** The type, every concrete subtype of a sealed type, and the non-JDK, non-tree components of records. */
    private static Set<String> required(String typeName) {
        Set<String> out = new TreeSet<>();
        collect(load(typeName), out);
        return out;
    }

    private static void collect(Class<?> type, Set<String> out) {
        if (type.isPrimitive() || type.isArray() && type.getComponentType().isPrimitive()
                || type.getName().startsWith("java.") || JsonNode.class.isAssignableFrom(type) || !out.add(type.getName())) {
            return;
        }
        if (type.isArray()) {
            out.remove(type.getName());
            collect(type.getComponentType(), out);
            return;
        }
        if (type.isSealed()) {
            out.remove(type.getName()); // an interface has nothing to reflect on; its implementations do
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, out);
            }
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                collect(component.getType(), out);
            }
        }
    }

    private static Set<String> registered() {
        Set<String> names = new TreeSet<>();
        RegisterForReflection registration = NativeReflection.class.getAnnotation(RegisterForReflection.class);
        Arrays.stream(registration.targets()).map(Class::getName).forEach(names::add);
        return names;
    }

    private static List<Binding> bindings(Path root) throws IOException {
        List<Binding> found = new ArrayList<>();
        for (ClassNode type : classes(root)) {
            for (MethodNode method : type.methods) {
                if (!callsAMapper(method)) {
                    continue;
                }
                String site = type.name.replace('/', '.') + "." + method.name;
                Frame<BasicValue>[] frames = frames(type, method, site);
                AbstractInsnNode[] insns = method.instructions.toArray();
                for (int i = 0; i < insns.length; i++) {
                    if (!(insns[i] instanceof MethodInsnNode call) || !MAPPERS.contains(call.owner)) {
                        continue;
                    }
                    if (READS.contains(call.name)) {
                        Type target = classConstantBefore(insns, i);
                        if (target == null) {
                            found.add(new Binding(site, "<a type not known statically: use JsonNode or a class literal>"));
                        } else {
                            found.add(new Binding(site, target.getClassName()));
                        }
                    } else if (WRITES.contains(call.name)) {
                        Frame<BasicValue> frame = frames[i];
                        // the value is the last argument: the top of the stack before the call
                        Type value = frame.getStack(frame.getStackSize() - 1).getType();
                        found.add(new Binding(site, value.getClassName()));
                    }
                }
            }
        }
        found.removeIf(b -> {
            try {
                Class<?> c = load(b.type());
                return JsonNode.class.isAssignableFrom(c) || c.getName().startsWith("java.");
            } catch (IllegalStateException unknown) {
                return false;
            }
        });
        return found;
    }

    private static boolean callsAMapper(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call && MAPPERS.contains(call.owner)
                    && (READS.contains(call.name) || WRITES.contains(call.name))) {
                return true;
            }
        }
        return false;
    }

    private static Frame<BasicValue>[] frames(ClassNode type, MethodNode method, String site) {
        SimpleVerifier verifier = new SimpleVerifier(Opcodes.ASM9, Type.getObjectType(type.name),
                type.superName == null ? null : Type.getObjectType(type.superName),
                type.interfaces.stream().map(Type::getObjectType).toList(), (type.access & Opcodes.ACC_INTERFACE) != 0) {
        };
        verifier.setClassLoader(NativeConfigurationTest.class.getClassLoader());
        try {
            return new Analyzer<>(verifier).analyze(type.name, method);
        } catch (AnalyzerException e) {
            throw new AssertionError("cannot analyse " + site + ": " + e.getMessage(), e);
        }
    }

    /** The class literal passed to a read: the nearest {@code ldc Type} before the call. */
    private static Type classConstantBefore(AbstractInsnNode[] insns, int call) {
        for (int j = call - 1; j >= Math.max(0, call - 8); j--) {
            if (insns[j] instanceof LdcInsnNode ldc && ldc.cst instanceof Type type && type.getSort() == Type.OBJECT) {
                return type;
            }
        }
        return null;
    }

    private static List<ClassNode> classes(Path root) throws IOException {
        List<ClassNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                ClassNode node = new ClassNode();
                new ClassReader(Files.readAllBytes(file)).accept(node, ClassReader.SKIP_DEBUG);
                nodes.add(node);
            }
        }
        return nodes;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeConfigurationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("not on the test classpath: " + name, e);
        }
    }
}
