package io.pandu.playbook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** All playbooks in use, and which one applies to a deal that names none. */
public record PlaybookLibrary(List<Playbook> playbooks, String defaultId) {

    public PlaybookLibrary {
        playbooks = List.copyOf(playbooks);
    }

    public Optional<Playbook> find(String id) {
        return playbooks.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Playbook defaultPlaybook() {
        return find(defaultId).orElseThrow(() -> new IllegalStateException("no default playbook"));
    }

    /** The playbook a deal follows: its own, or the default. Empty when it names an unknown one. */
    public Optional<Playbook> forDeal(String playbookId) {
        return playbookId == null || playbookId.isBlank()
                ? Optional.of(defaultPlaybook())
                : find(playbookId);
    }

    public Set<String> playIds() {
        Set<String> ids = new LinkedHashSet<>();
        playbooks.forEach(p -> p.plays().forEach(play -> ids.add(play.id())));
        return ids;
    }

    public Optional<Play> play(String id) {
        return playbooks.stream().flatMap(p -> p.play(id).stream()).findFirst();
    }
}
