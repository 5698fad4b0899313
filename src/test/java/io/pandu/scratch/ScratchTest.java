package io.pandu.scratch;

import io.pandu.rules.*;
import java.nio.file.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void look() throws Exception {
        var pb =
                new io.pandu.playbook.PlaybookLoader()
                        .load(Path.of("docs/bench/starter-playbooks"));
        var r = new RuleCompiler(1).compileAll(Path.of("docs/bench/starter-rules"), pb.library());
        r.diagnostics().forEach(d -> System.out.println("DIAG " + d));
        System.out.println("OK " + r.ok());
    }
}
