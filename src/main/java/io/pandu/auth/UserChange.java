package io.pandu.auth;

/**
 * What an admin changes of a user ({@code PATCH /api/v1/users/{username}}); a null field stays as
 * it is. {@code repId} and {@code managerId} link a rep or manager user to their record.
 */
public record UserChange(
        Boolean disabled, String password, Role role, String repId, String managerId) {

    public boolean isEmpty() {
        return disabled == null
                && password == null
                && role == null
                && repId == null
                && managerId == null;
    }
}
