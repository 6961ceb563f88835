package com.clientnest.gateway.auth;

/** What an authenticated caller may do: {@code USER}s submit and read their own requests, {@code ADMIN}s manage users. */
public enum Role {
    USER,
    ADMIN
}
