package io.pandu.decisions;

import io.pandu.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which (deal, code) pairs are held out: computed and recorded, never shown to the rep. The answer
 * is a SHA-256 hash of a fixed salt, the subject and the code, read as a number in [0, 1) and
 * compared with the share — the same pair gets the same answer on every node, in every run and
 * after every restart, and a larger share holds out a superset of a smaller one. Advice about no
 * deal is keyed by the rep ({@code rep:ID}), so a rep-level code is held out for a rep as a whole.
 */
public final class Holdout {
    /** The share held out unless configured otherwise ({@code PANDU_HOLDOUT_SHARE}). */
    public static final double DEFAULT_SHARE = 0.10;

    /** The largest share: holding out more than half would leave reps with too little guidance. */
    public static final double MAX_SHARE = 0.5;

    /** Fixed so the selection is reproducible; changing it would reshuffle every holdout. */
    static final String SALT = "pandu-holdout-v1";

    public static final Holdout NONE = new Holdout(0);

    private final double share;

    public Holdout(double share) {
        if (!(share >= 0 && share <= MAX_SHARE)) {
            throw new InvalidInputException(
                    "holdoutShare",
                    "must be a share between 0 and " + MAX_SHARE + " (e.g. 0.1), not " + share);
        }
        this.share = share;
    }

    public double share() {
        return share;
    }

    /** The subject of an item: its deal, else its rep. */
    public static String subjectKey(String dealId, String repId) {
        return dealId != null ? dealId : "rep:" + repId;
    }

    public boolean heldOut(String dealId, String repId, String code) {
        return share > 0 && position(subjectKey(dealId, repId), code) < share;
    }

    /** Where the pair falls in [0, 1): the first 53 bits of the hash. */
    static double position(String subjectKey, String code) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(
                                    (SALT + "|" + subjectKey + "|" + code)
                                            .getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (d[i] & 0xff);
            }
            return (bits >>> 11) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
