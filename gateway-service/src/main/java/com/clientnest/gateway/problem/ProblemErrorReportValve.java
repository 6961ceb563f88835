package com.clientnest.gateway.problem;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error page, for requests it refuses before any application sees them (a path with an encoded NUL,
 * {@code %2F} or invalid UTF-8): a problem with a stable code instead of Tomcat's HTML page. Public and with a
 * no-argument constructor because Tomcat instantiates it by class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status >= 500
                ? "The request could not be processed; please try again later"
                : "The request could not be read";
        // Only fixed text goes into the body: nothing of the refused request is echoed, so no escaping is needed.
        String body = "{\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"code\":\"%s\"}"
                .formatted(title, status, detail, ProblemCode.forStatus(status).code());
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response already committed: nothing more can be said.
        }
    }
}
