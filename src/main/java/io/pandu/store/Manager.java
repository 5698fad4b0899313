package io.pandu.store;

/** A sales manager: the head of a team, whose id reps name as their {@code managerId}. */
public record Manager(String id, String name) {}
