package com.clientnest.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Small helpers to send whole JSON answers with a known length. */
final class HttpReplies {

    static final String APPLICATION_JSON = "application/json";
    static final String TEXT_EVENT_STREAM = "text/event-stream";

    private HttpReplies() {}

    static Mono<Void> json(HttpServerResponse response, int status, String body) {
        byte[] bytes = body.getBytes(UTF_8);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }

    static Mono<Void> noContent(HttpServerResponse response) {
        return response.status(HttpResponseStatus.NO_CONTENT).send();
    }
}
