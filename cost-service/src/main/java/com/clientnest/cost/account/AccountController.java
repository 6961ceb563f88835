package com.clientnest.cost.account;

import com.clientnest.cost.InvalidRequestException;
import com.clientnest.schemas.events.Tier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The gateway, which owns users, registers each one here with its tier and reports every tier change. */
@RestController
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PutMapping(
            path = "/internal/v1/accounts/{userId}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    AccountView put(@PathVariable String userId, @Valid @RequestBody AccountView account) {
        Tier tier = tierOf(account.tier());
        accounts.put(userId, tier);
        return new AccountView(tier.name());
    }

    static Tier tierOf(String tier) {
        try {
            return Tier.valueOf(tier.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "Unknown tier '" + tier + "'; expected one of " + Arrays.toString(Tier.values()));
        }
    }

    record AccountView(@NotBlank String tier) {}
}
