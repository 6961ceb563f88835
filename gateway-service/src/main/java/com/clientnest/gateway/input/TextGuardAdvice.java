package com.clientnest.gateway.input;

import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/** Refuses any request body with invalid text in any field: {@code 400 validation_failed} naming the field. */
@ControllerAdvice
class TextGuardAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        String field = TextGuard.firstInvalidField(body);
        if (field != null) {
            String name = field.isEmpty() ? "body" : field;
            String message = "contains a control character or invalid Unicode";
            throw new ProblemException(
                    ProblemCode.VALIDATION_FAILED,
                    "'" + name + "' " + message,
                    Map.of("errors", List.of(Map.of("field", name, "message", message))),
                    Map.of());
        }
        return body;
    }
}
