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
    /**
     * Secrets used before the current one (a rotation): new hashes are made with the current
     * secret only, while NIKs are still matched against hashes stored under these until they are
     * erased by retention.
     */
    private final java.util.List<SecretKeySpec> previousKeys;

    public Secrets(String nikSecret) {
        this(nikSecret, java.util.List.of());
    }

    public Secrets(String nikSecret, java.util.List<String> previousSecrets) {
        if (nikSecret == null || nikSecret.length() < 16) {
            throw new IllegalArgumentException("antrean.nik.secret must have at least 16 characters");
        }
        this.nikKey = new SecretKeySpec(nikSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.previousKeys = previousSecrets.stream().map(String::strip).filter(p -> !p.isEmpty() && !p.equals(nikSecret))
                .map(p -> new SecretKeySpec(p.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).toList();
    }

    /** The same NIK always gives the same value; without the secret it cannot be reversed or guessed. */
    public byte[] nikHash(String officeId, String nik) {
        return hash(nikKey, officeId, nik);
    }

    /** The hashes this NIK may be stored under: the current secret's first, then those of previous secrets. */
    public java.util.List<byte[]> nikHashes(String officeId, String nik) {
        java.util.List<byte[]> all = new java.util.ArrayList<>();
        all.add(nikHash(officeId, nik));
        previousKeys.forEach(k -> all.add(hash(k, officeId, nik)));
        return all;
    }

    /** Hashes under previous secrets only (empty when none is configured). */
    public java.util.List<byte[]> previousNikHashes(String officeId, String nik) {
        return previousKeys.stream().map(k -> hash(k, officeId, nik)).toList();
    }

    private static byte[] hash(SecretKeySpec key, String officeId, String nik) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
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
