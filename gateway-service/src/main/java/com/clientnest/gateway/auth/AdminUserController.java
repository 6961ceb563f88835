package com.clientnest.gateway.auth;

import com.clientnest.gateway.auth.UserService.CreatedUser;
import com.clientnest.gateway.auth.UserService.UserView;
import com.clientnest.gateway.quota.QuotaAdmission;
import com.clientnest.schemas.events.Tier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** User administration (create, change tier, rotate key, disable, read usage); the admin role is enforced for the whole path by {@link AuthWebConfiguration}. */
@RestController
@RequestMapping(path = "/api/v1/admin/users", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminUserController {

    private final UserService users;
    private final QuotaAdmission quota;

    AdminUserController(UserService users, QuotaAdmission quota) {
        this.users = users;
        this.quota = quota;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedUser> create(@Valid @RequestBody CreateUserRequest request) {
        Role role =
                request.role() == null ? Role.USER : Role.valueOf(request.role().toUpperCase(Locale.ROOT));
        CreatedUser created =
                users.create(request.name().trim(), Tier.valueOf(request.tier().toUpperCase(Locale.ROOT)), role);
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + created.userId()))
                .body(created);
    }

    @PatchMapping(path = "/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserView changeTier(@PathVariable String userId, @Valid @RequestBody ChangeTierRequest request) {
        return users.changeTier(userId, Tier.valueOf(request.tier().toUpperCase(Locale.ROOT)));
    }

    @PostMapping(path = "/{userId}/key")
    CreatedUser rotateKey(@PathVariable String userId) {
        return users.rotateKey(userId);
    }

    @PostMapping(path = "/{userId}/disable")
    UserView disable(@PathVariable String userId) {
        return users.disable(userId);
    }

    @GetMapping(path = "/{userId}/usage")
    JsonNode usage(
            @PathVariable String userId,
            @RequestParam(required = false)
                    @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month as yyyy-MM")
                    String month) {
        return quota.usage(userId, users.tierOf(userId), month);
    }

    record ChangeTierRequest(
            @NotBlank
            @Pattern(
                    regexp = "free|starter|professional|business|enterprise",
                    message = "must be one of [free, starter, professional, business, enterprise]")
            String tier) {}

    /** @param role {@code user} (the default) submits AI requests; {@code ops} works the dead-letter desk */
    record CreateUserRequest(
            @NotBlank @Size(max = 200) String name,

            @NotBlank
            @Pattern(
                    regexp = "free|starter|professional|business|enterprise",
                    message = "must be one of [free, starter, professional, business, enterprise]")
            String tier,

            @Pattern(regexp = "user|ops", message = "must be one of [user, ops]")
            String role) {}
}
