package com.clientnest.gateway.problem;

/** A client error the gateway answers with a problem body: thrown anywhere, rendered by {@link ProblemHandler}. */
public final class ProblemException extends RuntimeException {

    private final ProblemCode code;

    public ProblemException(ProblemCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
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
