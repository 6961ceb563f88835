package com.clientnest.gateway.auth;

import com.clientnest.gateway.auth.UserService.CreatedUser;
import com.clientnest.schemas.events.Tier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** User administration; the admin role is enforced for the whole path by {@link AuthWebConfiguration}. */
@RestController
@RequestMapping(path = "/api/v1/admin/users", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminUserController {

    private final UserService users;

    AdminUserController(UserService users) {
        this.users = users;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedUser> create(@Valid @RequestBody CreateUserRequest request) {
        CreatedUser created =
                users.create(request.name().trim(), Tier.valueOf(request.tier().toUpperCase(Locale.ROOT)));
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + created.userId()))
                .body(created);
    }

    record CreateUserRequest(
            @NotBlank @Size(max = 200) String name,

            @NotBlank
            @Pattern(
                    regexp = "free|starter|professional|business|enterprise",
                    message = "must be one of [free, starter, professional, business, enterprise]")
            String tier) {}
}
