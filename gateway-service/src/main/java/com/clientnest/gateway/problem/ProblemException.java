package com.clientnest.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the gateway answers with a problem body: thrown anywhere, rendered by {@link ProblemHandler}, with any
 * extra members for the body (a refused quota's figures) and headers ({@code Retry-After}).
 */
public final class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final transient Map<String, Object> properties;
    private final transient Map<String, String> headers;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, Map.of(), Map.of());
    }

    public ProblemException(
            ProblemCode code, String detail, Map<String, Object> properties, Map<String, String> headers) {
        super(detail);
        this.code = code;
        this.properties = new LinkedHashMap<>(properties);
        this.headers = Map.copyOf(headers);
    }

    public ProblemCode code() {
        return code;
    }

    /** Members added to the problem body, in order. */
    public Map<String, Object> properties() {
        return properties;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemCode.UNAUTHORIZED, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemCode.FORBIDDEN, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemCode.NOT_FOUND, detail);
    }
}
