package com.clientnest.gateway.usage;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.quota.QuotaAdmission;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The caller's monthly usage: per metric the limit, what settled usage used, what requests in progress hold, what
 * remains and the percentage used, as the cost service keeps them.
 */
@RestController
class UsageController {

    static final String MONTH_PATTERN = "\\d{4}-(0[1-9]|1[0-2])";

    private final QuotaAdmission quota;

    UsageController(QuotaAdmission quota) {
        this.quota = quota;
    }

    @GetMapping(path = "/api/v1/usage", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode usage(
            @Parameter(hidden = true) Caller caller,
            @RequestParam(required = false) @Pattern(regexp = MONTH_PATTERN, message = "must be a month as yyyy-MM")
                    String month) {
        return quota.usage(caller.userId(), caller.tier(), month);
    }
}
