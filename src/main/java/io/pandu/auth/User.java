package io.pandu.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A user as the API shows it: never the password hash, nor the token version (which every token
 * carries and which moves on when the user is disabled or their password, role or link changes).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(
        long id,
        String username,
        Role role,
        String repId,
        String managerId,
        boolean disabled,
        Instant createdAt,
        @JsonIgnore int tokenVersion) {

    public Caller caller() {
        return new Caller(username, role, repId, managerId);
    }
}
