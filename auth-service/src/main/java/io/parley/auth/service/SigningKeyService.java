package io.parley.auth.service;

import io.parley.auth.config.AuthConfig;
import io.parley.session.SessionConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The RSA keys that sign every token auth-service issues. Unless a key is configured, they live in the
 * {@code signing_keys} table: the first replica to start generates one under an advisory lock (so concurrent first
 * starts agree on one key), the newest key signs, and every stored key is published as JWKS. With
 * {@code parley.auth.keys.rotate-after} a new key replaces the signing one when it gets old; the old one stays
 * published until tokens it signed can no longer be renewed, then it is deleted.
 */
@ApplicationScoped
public class SigningKeyService {

    private static final Logger LOG = Logger.getLogger(SigningKeyService.class);
    // Any number shared by all replicas: "parley-keys" in ASCII.
    private static final long KEYS_LOCK = 0x6b6579734c6f636bL;
    private static final String LOCK = "select pg_advisory_xact_lock($1)";
    private static final String SELECT = "select kid, private_key, public_key, created_at from signing_keys "
            + "order by created_at desc, kid";
    private static final String INSERT = "insert into signing_keys (kid, private_key, public_key) values ($1, $2, $3)";
    private static final String RETIRE = "delete from signing_keys where created_at < $1 and kid <> $2";

    /** The keys in use: {@code signer} signs, {@code published} verify (newest first). */
    record KeySet(RsaJsonWebKey signer, List<JsonWebKey> published) {
    }

    @Inject
    Pool pool;

    @Inject
    AuthConfig config;

    @Inject
    SessionConfig session;

    private volatile KeySet keys;

    void onStart(@Observes StartupEvent event) {
        // Tokens cannot be issued or checked before the keys are known: start only with them.
        load().await().atMost(Duration.ofSeconds(60));
    }

    @Scheduled(every = "${parley.auth.keys.refresh-interval:5m}", delayed = "${parley.auth.keys.refresh-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return load().onFailure().invoke(e -> LOG.warnf("re-reading the signing keys failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Reads (and when needed generates or rotates) the keys. */
    Uni<Void> load() {
        Optional<String> configured = config.auth().keys().privateKey();
        if (configured.isPresent()) {
            if (keys == null) {
                RsaJsonWebKey key = configuredKey(configured.get(), config.auth().keys().keyId());
                keys = new KeySet(key, List.of(key));
            }
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(KEYS_LOCK))
                        .flatMap(locked -> stored(conn))
                        .flatMap(stored -> needsNewKey(stored)
                                ? insertNew(conn).flatMap(ignored -> stored(conn))
                                : Uni.createFrom().item(stored))
                        .flatMap(stored -> retireOld(conn, stored)))
                .invoke(stored -> keys = new KeySet((RsaJsonWebKey) stored.get(0).key(),
                        stored.stream().map(StoredKey::key).toList()))
                .replaceWithVoid();
    }

    private record StoredKey(JsonWebKey key, OffsetDateTime createdAt) {
    }

    private Uni<List<StoredKey>> stored(SqlConnection conn) {
        return conn.query(SELECT).execute().map(rows -> {
            List<StoredKey> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new StoredKey(storedKey(row), row.getOffsetDateTime("created_at")));
            }
            return list;
        });
    }

    private boolean needsNewKey(List<StoredKey> stored) {
        if (stored.isEmpty()) {
            return true;
        }
        return config.auth().keys().rotateAfter()
                .map(age -> stored.get(0).createdAt().isBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(age)))
                .orElse(false);
    }

    private Uni<Void> insertNew(SqlConnection conn) {
        RsaJsonWebKey key = generate(config.auth().keys().size());
        Base64.Encoder base64 = Base64.getEncoder();
        LOG.infof("generated signing key %s", key.getKeyId());
        return conn.preparedQuery(INSERT).execute(Tuple.of(key.getKeyId(),
                base64.encodeToString(key.getPrivateKey().getEncoded()),
                base64.encodeToString(key.getPublicKey().getEncoded()))).replaceWithVoid();
    }

    /**
     * Deletes keys replaced longer ago than a token can live and be renewed (cookie lifetime plus token lifetime).
     */
    private Uni<List<StoredKey>> retireOld(SqlConnection conn, List<StoredKey> stored) {
        if (stored.size() < 2) {
            return Uni.createFrom().item(stored);
        }
        Duration keep = config.auth().cookieTtl().plus(config.auth().jwtTtl());
        OffsetDateTime cutoff = stored.get(0).createdAt().minus(keep);
        List<StoredKey> kept = new ArrayList<>();
        for (StoredKey key : stored) {
            if (key == stored.get(0) || !key.createdAt().isBefore(cutoff)) {
                kept.add(key);
            }
        }
        if (kept.size() == stored.size()) {
            return Uni.createFrom().item(stored);
        }
        return conn.preparedQuery(RETIRE).execute(Tuple.of(cutoff, stored.get(0).key().getKeyId()))
                .replaceWith(kept);
    }

    private KeySet current() {
        KeySet current = keys;
        if (current == null) {
            throw new IllegalStateException("signing keys are not loaded yet");
        }
        return current;
    }

    /** The public keys as a JWKS document. */
    public String jwks() {
        List<JsonWebKey> published = new ArrayList<>();
        for (JsonWebKey key : current().published()) {
            try {
                JsonWebKey pub = JsonWebKey.Factory.newJwk(key.getKey());
                pub.setKeyId(key.getKeyId());
                pub.setUse("sig");
                pub.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
                published.add(pub);
            } catch (JoseException e) {
                throw new IllegalStateException("a stored key cannot be published", e);
            }
        }
        return new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Signs {@code claims} (RS256, {@code kid} of the signing key). */
    public String sign(JwtClaims claims) {
        RsaJsonWebKey signer = current().signer();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivateKey());
        jws.setKeyIdHeaderValue(signer.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /**
     * The claims of a token we signed (RS256 with one of our keys, our issuer), whatever its time claims say: the
     * caller decides about expiry (an expired session cookie may be renewed). Empty for anything else.
     */
    public Optional<JwtClaims> verify(String jwt) {
        if (jwt == null || jwt.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(current().published()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setExpectedIssuer(session.issuer())
                    .setSkipDefaultAudienceValidation()
                    // Time claims are checked by the caller, who may renew an expired session.
                    .setSkipAllDefaultValidators()
                    .build()
                    .processToClaims(jwt.trim()));
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
    }

    static RsaJsonWebKey generate(int size) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(size);
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static JsonWebKey storedKey(Row row) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder base64 = Base64.getDecoder();
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(base64.decode(row.getString("public_key"))));
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(publicKey);
            key.setPrivateKey(rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(row.getString("private_key")))));
            key.setKeyId(row.getString("kid"));
            return key;
        } catch (GeneralSecurityException | JoseException | IllegalArgumentException e) {
            throw new IllegalStateException("signing key " + row.getString("kid") + " is unreadable", e);
        }
    }

    /** A configured PKCS#8 RSA private key, PEM or bare base64; its public half comes from its CRT parameters. */
    static RsaJsonWebKey configuredKey(String pem, Optional<String> keyId) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)))
                    instanceof RSAPrivateCrtKey privateKey)) {
                throw new IllegalArgumentException("not an RSA private key with CRT parameters");
            }
            PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(),
                    privateKey.getPublicExponent()));
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(publicKey);
            key.setPrivateKey(privateKey);
            key.setKeyId(keyId.orElse(key.calculateBase64urlEncodedThumbprint("SHA-256")));
            return key;
        } catch (GeneralSecurityException | JoseException | IllegalArgumentException e) {
            throw new IllegalStateException("parley.auth.keys.private-key is not a PKCS#8 RSA private key", e);
        }
    }
}
