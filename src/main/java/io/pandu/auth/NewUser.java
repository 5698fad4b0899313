package io.pandu.auth;

/** What it takes to create a user: {@code repId} for a rep, {@code managerId} for a manager. */
public record NewUser(
        String username, String password, Role role, String repId, String managerId) {}
