package com.clientnest.gateway.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container's error page: what a client gets for an error raised outside Spring MVC (a request the servlet
 * container itself rejects, a filter's {@code sendError}). Replaces Boot's error controller, whose body is not a
 * problem, and writes the problem itself so no {@code Accept} header can turn it into a second error.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    private final JsonMapper json;

    ProblemErrorController(JsonMapper json) {
        this.json = json;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? code
                : HttpStatus.INTERNAL_SERVER_ERROR.value();
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put(
                "detail",
                status >= 500 ? "The request could not be processed; please try again later" : detail(status));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            body.put("instance", uri);
        }
        body.put(Problems.CODE, ProblemCode.forStatus(status).code());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 413 -> "The request is too large";
            default -> "The request could not be read";
        };
    }
}
