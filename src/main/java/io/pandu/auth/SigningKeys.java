package io.pandu.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * The HS256 key tokens are signed with when none is configured: created once, on the first start
 * against a store, and read by every later start and every other node on the same store, so a
 * restart logs no one out. Rotating it ends every session signed with the old key once the servers
 * restart.
 */
public final class SigningKeys {
    /** The name of the tokens' key in the store. */
    public static final String TOKENS = "jwt";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeyRepository keys;
    private final Clock clock;

    public SigningKeys(SigningKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The stored key, created now if the store has none yet. */
    public String tokenKey() {
        return keys.find(TOKENS)
                .orElseGet(
                        () -> {
                            String fresh = generate();
                            return keys.insert(TOKENS, fresh, clock.instant())
                                    ? fresh
                                    : keys.find(TOKENS).orElseThrow();
                        });
    }

    /** Replaces the stored key with a new random one; {@code caller} must be an administrator. */
    public void rotateTokenKey(Caller caller) {
        caller.require(Role.ADMIN);
        keys.replace(TOKENS, generate(), clock.instant(), caller.username());
    }

    /** 256 random bits, Base64. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
