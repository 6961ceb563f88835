package com.clientnest.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.problem.Problems.FieldProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;

class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();
    private final WebRequest request =
            new ServletWebRequest(new MockHttpServletRequest("POST", "/api/v1/ai/sentiment"));

    @Test
    void rendersTheGatewaysOwnProblemsWithTheirStatusAndCode() {
        // Given
        ProblemException notFound = ProblemException.notFound("No request 42 exists for this API key");
        // When
        ResponseEntity<Object> response = handler.handleProblem(notFound);
        // Then
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(problem(response)).isEqualTo(expected(404, "No request 42 exists for this API key", "not_found"));
    }

    @Test
    void asksForABearerKeyWhenUnauthorized() {
        // When
        ResponseEntity<Object> response =
                handler.handleProblem(ProblemException.unauthorized("The API key is not valid"));
        // Then
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(problem(response)).isEqualTo(expected(401, "The API key is not valid", "unauthorized"));
    }

    @Test
    void listsEveryInvalidFieldOfABody() throws Exception {
        // Given
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(new Object(), "sentimentRequest");
        errors.addError(new FieldError("sentimentRequest", "text", "must not be blank"));
        errors.addError(new FieldError("sentimentRequest", "context", "size must be between 0 and 5000"));
        MethodParameter parameter = new MethodParameter(getClass().getDeclaredMethod("body", Object.class), 0);
        // When
        ResponseEntity<Object> response =
                handler.handleException(new MethodArgumentNotValidException(parameter, errors), request);
        // Then
        ProblemDetail expected = expected(400, "The request has invalid fields", "validation_failed");
        expected.setProperty(
                "errors",
                List.of(
                        new FieldProblem("text", "must not be blank"),
                        new FieldProblem("context", "size must be between 0 and 5000")));
        assertThat(problem(response)).isEqualTo(expected);
    }

    @Test
    void answersMalformedJsonWithAValidationProblem() throws Exception {
        // Given
        HttpInputMessage body = new MockHttpInputMessage("{\"text\": ".getBytes());
        var unreadable = new HttpMessageNotReadableException("JSON parse error", new IllegalStateException(), body);
        // When
        ResponseEntity<Object> response = handler.handleException(unreadable, request);
        // Then
        ProblemDetail expected = expected(400, "The request body is missing or is not valid JSON", "validation_failed");
        expected.setProperty("errors", List.of());
        assertThat(problem(response)).isEqualTo(expected);
    }

    @Test
    void givesFrameworkErrorsTheCodeOfTheirStatus() throws Exception {
        // Given
        var wrongMediaType =
                new HttpMediaTypeNotSupportedException(MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON));
        var unknownPath = new NoResourceFoundException(HttpMethod.GET, "/api/v1/nothing", "api/v1/nothing");
        // When
        ResponseEntity<Object> unsupported = handler.handleException(wrongMediaType, request);
        ResponseEntity<Object> missing = handler.handleException(unknownPath, request);
        // Then
        assertThat(unsupported.getStatusCode().value()).isEqualTo(415);
        assertThat(problem(unsupported).getProperties()).isEqualTo(Map.of("code", "unsupported_media_type"));
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(problem(missing).getProperties()).isEqualTo(Map.of("code", "not_found"));
    }

    @Test
    void hidesTheDetailsOfAnUnexpectedFailure() {
        // When
        ResponseEntity<Object> response = handler.handleUnexpected(new IllegalStateException("connection pool gone"));
        // Then
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(problem(response))
                .isEqualTo(
                        expected(500, "The request could not be processed; please try again later", "internal_error"));
    }

    @SuppressWarnings("unused")
    private void body(Object request) {}

    private static ProblemDetail problem(ResponseEntity<Object> response) {
        return (ProblemDetail) response.getBody();
    }

    private static ProblemDetail expected(int status, String detail, String code) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setProperty("code", code);
        return problem;
    }
}
