package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A rule set that built cleanly: its Drools knowledge base, a pool of reusable sessions, the
 * metadata of every rule, and a version that is the hash of the files it came from.
 */
public final class CompiledRules implements AutoCloseable {
    private final String version;
    private final KieContainer container;
    private final ReleaseId releaseId;
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final boolean declaresGuidance;
    private final Map<String, RuleInfo> rules;
    private final List<String> files;
    private final List<Diagnostic> warnings;
    private final List<RuleSource> sources;
    private final RuntimeHealth health = new RuntimeHealth();

    CompiledRules(
            String version,
            KieContainer container,
            ReleaseId releaseId,
            Map<String, RuleInfo> rules,
            List<String> files,
            List<Diagnostic> warnings,
            int poolSize,
            List<RuleSource> sources) {
        this.version = version;
        this.container = container;
        this.releaseId = releaseId;
        this.kieBase = container.getKieBase();
        this.sessions = kieBase.newKieSessionsPool(poolSize);
        this.declaresGuidance =
                kieBase.getKiePackages().stream()
                        .anyMatch(
                                p ->
                                        p.getGlobalVariables().stream()
                                                .anyMatch(
                                                        g ->
                                                                g.getName()
                                                                        .equals(
                                                                                RuleSafetyPolicy
                                                                                        .GUIDANCE_GLOBAL)));
        this.rules = Map.copyOf(rules);
        this.files = List.copyOf(files);
        this.warnings = List.copyOf(warnings);
        this.sources = List.copyOf(sources);
    }

    /** How evaluations with these rules have fared since they were compiled. */
    public RuntimeHealth health() {
        return health;
    }

    public String version() {
        return version;
    }

    /**
     * Where this rule set's module sits in the Kie repository until {@link #close()} removes it.
     */
    public ReleaseId releaseId() {
        return releaseId;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /**
     * Whether any rule file declares the {@code guidance} global (a session refuses an undeclared
     * one).
     */
    public boolean declaresGuidance() {
        return declaresGuidance;
    }

    public KieSessionsPool sessions() {
        return sessions;
    }

    /** Rule metadata by {@code package.ruleName}. */
    public Map<String, RuleInfo> rules() {
        return rules;
    }

    public RuleInfo rule(String pack, String name) {
        return rules.get(pack + "." + name);
    }

    public List<String> files() {
        return files;
    }

    /**
     * The DRL this rule set was compiled from (a decision table's generated DRL), in file order:
     * what "why not" decomposes into probe rules.
     */
    public List<RuleSource> sources() {
        return sources;
    }

    public List<Diagnostic> warnings() {
        return warnings;
    }

    /**
     * Frees the sessions and removes the module from the Kie repository, which otherwise grows per
     * reload.
     */
    @Override
    public void close() {
        sessions.shutdown();
        container.dispose();
        KieServices.Factory.get().getRepository().removeKieModule(releaseId);
    }
}
