package com.clientnest.cost.account;

/** The user was never registered with this service, so it knows no tier and no limits for them. */
public class UnknownAccount extends RuntimeException {

    public UnknownAccount(String userId) {
        super("No account '" + userId + "' is registered with the cost service");
    }
}
