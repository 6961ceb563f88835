package com.clientnest.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@GatewayIntegrationTest
class OpenApiIT {

    @LocalServerPort
    int port;

    @Test
    void givenTheOpenApiDocumentWhenReadThenItDescribesTheFollowingEndpointsAndEveryProblemCode() {
        // When
        Reply docs = new ApiClient(port).get("/v3/api-docs", null);

        // Then
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").propertyNames())
                .contains(
                        "/api/v1/ai/suggestions",
                        "/api/v1/ai/requests",
                        "/api/v1/ai/requests/{id}",
                        "/api/v1/ai/requests/{id}/events",
                        "/api/v1/queue");
        assertThat(docs.body().at("/paths/~1api~1v1~1ai~1requests~1{id}").propertyNames())
                .contains("get", "delete");
        assertThat(docs.body()
                        .at("/paths/~1api~1v1~1ai~1suggestions/post/description")
                        .asString())
                .contains("`count` (1 to 10)", "low lane", "`429 quota_exceeded`", "`400 validation_failed`");
        String description = docs.body().at("/info/description").asString();
        assertThat(Arrays.stream(ProblemCode.values()).map(code -> "`" + code.code() + "`"))
                .allSatisfy(code -> assertThat(description).contains(code));
    }
}
