package io.releasewatch.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Users and sign-in tokens, in memory. The monitor's user-journey checks register a fresh user on
 * every run, so both maps are bounded: the oldest entries go once the limit is reached.
 */
final class Accounts {
    static final int MAX_USERS = 10_000;
    static final int MAX_TOKENS = 10_000;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final int MAX_EMAIL_LENGTH = 254;

    record User(long id, String email, byte[] salt, byte[] passwordHash) {
    }

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong nextId = new AtomicLong(1);
    private final User testAccount;
    private final Map<String, User> users = bounded(MAX_USERS);
    private final Map<String, String> tokens = bounded(MAX_TOKENS);

    Accounts(String testAccountEmail, String testAccountPassword) {
        if (testAccountEmail == null || testAccountEmail.isBlank()
                || testAccountPassword == null || testAccountPassword.isEmpty()) {
            throw new IllegalArgumentException("the test account needs an email and a password");
        }
        // Kept outside the bounded map so a flood of registrations can never evict it.
        this.testAccount = newUser(normalize(testAccountEmail), testAccountPassword);
    }

    static boolean isValidEmail(String email) {
        return email != null && email.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(email.trim()).matches();
    }

    /** The new user, or empty when the email is already taken (case-insensitively). */
    Optional<User> register(String email, String password) {
        String key = normalize(email);
        synchronized (users) {
            if (key.equals(testAccount.email()) || users.containsKey(key)) {
                return Optional.empty();
            }
            User user = newUser(key, password);
            users.put(key, user);
            return Optional.of(user);
        }
    }

    /** A fresh bearer token when the credentials match, otherwise empty. */
    Optional<String> signIn(String email, String password) {
        String key = normalize(email);
        User user;
        if (key.equals(testAccount.email())) {
            user = testAccount;
        } else {
            synchronized (users) {
                user = users.get(key);
            }
        }
        if (user == null || !MessageDigest.isEqual(user.passwordHash(), hash(user.salt(), password))) {
            return Optional.empty();
        }
        String token = randomToken();
        synchronized (tokens) {
            tokens.put(token, user.email());
        }
        return Optional.of(token);
    }

    /** The email the token was issued to, or empty when it is unknown or evicted. */
    Optional<String> tokenOwner(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        synchronized (tokens) {
            return Optional.ofNullable(tokens.get(token));
        }
    }

    int userCount() {
        synchronized (users) {
            return users.size();
        }
    }

    private User newUser(String email, String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new User(nextId.getAndIncrement(), email, salt, hash(salt, password));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /*
     * Salted SHA-256 rather than a slow KDF: this is throwaway demo data held in memory, and the
     * journey checks sign in many times a minute. Plain text would still be a bad habit to show.
     */
    private static byte[] hash(byte[] salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
