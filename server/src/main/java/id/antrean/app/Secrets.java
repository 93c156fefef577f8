package id.antrean.app;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Random tokens, plain hashes and the keyed hash (HMAC-SHA256) that stands in for a NIK. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec nikKey;

    public Secrets(String nikSecret) {
        if (nikSecret == null || nikSecret.length() < 16) {
            throw new IllegalArgumentException("antrean.nik.secret must have at least 16 characters");
        }
        this.nikKey = new SecretKeySpec(nikSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The same NIK always gives the same value; without the secret it cannot be reversed or guessed. */
    public byte[] nikHash(String officeId, String nik) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nikKey);
            return mac.doFinal((officeId + ":" + nik).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** An unguessable URL-safe token of {@code bytes} random bytes. */
    public static String token(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
