package io.pandu.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A user as the API shows it: never the password hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(
        long id, String username, Role role, String repId, String managerId, Instant createdAt) {

    public Caller caller() {
        return new Caller(username, role, repId, managerId);
    }
}
