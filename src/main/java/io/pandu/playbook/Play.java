package io.pandu.playbook;

import java.util.List;

/** A play: a named, repeatable sequence of steps that the playbook recommends in a stage. */
public record Play(
        String id,
        String title,
        String description,
        List<String> steps,
        String role,
        List<ContentLink> content) {

    public Play {
        steps = steps == null ? List.of() : List.copyOf(steps);
        content = content == null ? List.of() : List.copyOf(content);
        role = role == null ? "rep" : role;
    }

    /** Enablement material a play points at (battlecard, talk track, training module). */
    public record ContentLink(String title, String url) {}
}
