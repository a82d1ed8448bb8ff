package io.parley.auth.service;

import io.parley.auth.config.AuthConfig;
import io.parley.auth.repository.UsedTokenRepository;
import io.parley.session.SessionConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Remark42's email-link login: a request sends a confirmation token to the address; the token, presented once and
 * before it expires, signs the user in as {@code email_<sha1(address)>}. The token is a JWT we sign
 * ({@code token_use=email-login}) naming the user id, not the address; single use is enforced in the database, so
 * across replicas.
 */
@ApplicationScoped
public class EmailLoginService {

    private static final Logger LOG = Logger.getLogger(EmailLoginService.class);
    static final String EMAIL_LOGIN_USE = "email-login";

    @Inject
    AuthConfig config;

    @Inject
    SessionConfig sessionConfig;

    @Inject
    SigningKeyService keys;

    @Inject
    LoginService logins;

    @Inject
    UsedTokenRepository usedTokens;

    @Inject
    ReactiveMailer mailer;

    /** A confirmed email login: the session and where to send the browser (null: answer JSON). */
    public record Confirmed(IssuedSession session, String from) {
    }

    /**
     * Checks Remark42's rules (403 otherwise) and mails the confirmation token.
     *
     * @param baseUrl our public base URL, for the link in the mail
     */
    public Uni<Void> request(String name, String address, String requestedSite, String from, boolean sessionOnly,
            String baseUrl) {
        return Uni.createFrom().deferred(() -> {
            enabled();
            if (!LoginRules.validEmailUser(name)) {
                throw new LoginRejectedException(403, "invalid user name");
            }
            if (!LoginRules.validAddress(address)) {
                throw new LoginRejectedException(403, "invalid email address");
            }
            String site = logins.site(requestedSite);
            Instant now = Instant.now();
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(sessionConfig.issuer());
            claims.setAudience(site);
            claims.setSubject(LoginRules.emailId(address));
            claims.setJwtId(SessionService.randomId());
            claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
            claims.setExpirationTime(NumericDate.fromSeconds(now.plus(config.auth().email().tokenTtl())
                    .getEpochSecond()));
            claims.setClaim("token_use", EMAIL_LOGIN_USE);
            claims.setClaim("name", name);
            claims.setClaim("sess_only", sessionOnly);
            if (from != null && !from.isBlank()) {
                claims.setClaim("from", from);
            }
            String token = keys.sign(claims);
            return mailer.send(mail(name, address, site, token, baseUrl))
                    .onFailure().transform(e -> {
                        LOG.warnf("confirmation mail not sent: %s", e.getClass().getSimpleName());
                        return new LoginRejectedException(503, "failed to send confirmation");
                    });
        });
    }

    private Mail mail(String name, String address, String site, String token, String baseUrl) {
        String link = baseUrl + "/auth/email/login?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        String text = "Confirmation for " + name + " on site " + site + ".\n\n"
                + "Paste this token into the comment form:\n\n" + token + "\n\n"
                + "or open this link to sign in:\n" + link + "\n\n"
                + "The token works once, within " + minutes(config.auth().email().tokenTtl()) + " minutes. "
                + "If you did not ask to sign in, ignore this mail.\n";
        String html = "<p>Confirmation for <b>" + escape(name) + "</b> on site <b>" + escape(site) + "</b>.</p>"
                + "<p>Paste this token into the comment form:</p><pre style=\"white-space:pre-wrap;word-break:break-all\">"
                + escape(token) + "</pre><p>or <a href=\"" + escape(link) + "\">sign in with this link</a>.</p>"
                + "<p>The token works once, within " + minutes(config.auth().email().tokenTtl()) + " minutes. "
                + "If you did not ask to sign in, ignore this mail.</p>";
        return Mail.withText(address, config.auth().email().subject(), text).setHtml(html);
    }

    /** Redeems a confirmation token (403 if forged, expired, of another purpose or used before). */
    public Uni<Confirmed> confirm(String token) {
        return Uni.createFrom().deferred(() -> {
            enabled();
            JwtClaims claims = keys.verify(token)
                    .filter(c -> EMAIL_LOGIN_USE.equals(c.getClaimValue("token_use")))
                    .orElseThrow(() -> new LoginRejectedException(403, "invalid token"));
            try {
                Instant expires = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
                if (!expires.isAfter(Instant.now())) {
                    throw new LoginRejectedException(403, "token expired");
                }
                String site = claims.getAudience().get(0);
                String id = claims.getSubject();
                String name = claims.getClaimValueAsString("name");
                String from = claims.getClaimValueAsString("from");
                boolean sessionOnly = Boolean.TRUE.equals(claims.getClaimValue("sess_only"));
                if (id == null || !id.startsWith("email_") || name == null) {
                    throw new LoginRejectedException(403, "invalid token");
                }
                return usedTokens.use(claims.getJwtId(), expires).flatMap(first -> {
                    if (!first) {
                        throw new LoginRejectedException(403, "token already used");
                    }
                    return logins.signIn(site, id, name, "", LoginService.EMAIL, false, sessionOnly);
                }).map(session -> new Confirmed(session, from));
            } catch (MalformedClaimException | NullPointerException | IndexOutOfBoundsException e) {
                throw new LoginRejectedException(403, "invalid token");
            }
        });
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpiredTokens() {
        return usedTokens.forgetExpired(Instant.now().minus(Duration.ofMinutes(5))).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private void enabled() {
        if (!config.auth().email().enabled()) {
            throw new LoginRejectedException(404, "provider is not enabled");
        }
    }

    private static long minutes(Duration duration) {
        return Math.max(1, duration.toMinutes());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
