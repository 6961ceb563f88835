package com.clientnest.gateway.problem;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 bodies with the gateway's {@code code} property (and {@code errors} for field failures). */
final class Problems {

    static final String CODE = "code";
    static final String ERRORS = "errors";

    private Problems() {}

    static ProblemDetail of(ProblemCode code, String detail) {
        return of(code.status(), code, detail);
    }

    static ProblemDetail of(HttpStatusCode status, ProblemCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(CODE, code.code());
        return problem;
    }

    static ProblemDetail validationFailed(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = of(ProblemCode.VALIDATION_FAILED, detail);
        problem.setProperty(ERRORS, errors);
        return problem;
    }

    static ResponseEntity<Object> entity(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.putAll(headers);
        }
        if (problem.getStatus() == HttpStatusCode.valueOf(401).value()) {
            out.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return ResponseEntity.status(problem.getStatus()).headers(out).body(problem);
    }

    /** One rejected field: its JSON path and why. */
    record FieldProblem(String field, String message) {}
}
