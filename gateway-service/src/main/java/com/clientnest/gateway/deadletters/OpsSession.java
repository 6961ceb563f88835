package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The desk page's login state, kept in the servlet session (cookie only, SameSite=Strict, HttpOnly; see
 * {@code server.servlet.session} in gateway.yml), so no key ever travels in a URL. Every form carries the
 * session's token: a same-site cookie alone leaves older browsers and same-site subdomains open to forged posts.
 */
final class OpsSession {

    static final String TOKEN_FIELD = "_csrf";
    private static final String CALLER = OpsSession.class.getName() + ".caller";
    private static final String TOKEN = OpsSession.class.getName() + ".token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpsSession() {}

    static Optional<Caller> caller(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((Caller) session.getAttribute(CALLER));
    }

    /** Logs the caller in on a new session id, so a session id planted before the login is worth nothing. */
    static void logIn(HttpServletRequest request, Caller caller) {
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(CALLER, caller);
        request.getSession().setAttribute(TOKEN, newToken());
    }

    static void logOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** The session's form token, made on first use (the login form needs one before anyone is logged in). */
    static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(TOKEN);
        if (token == null) {
            token = newToken();
            session.setAttribute(TOKEN, token);
        }
        return token;
    }

    static boolean tokenMatches(HttpServletRequest request, String submitted) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(TOKEN);
        return expected != null
                && submitted != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
