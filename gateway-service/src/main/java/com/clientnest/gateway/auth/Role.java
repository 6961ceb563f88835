package com.clientnest.gateway.auth;

/**
 * What an authenticated caller may do: {@code USER}s submit and read their own requests, {@code ADMIN}s manage
 * users, {@code OPS} review dead letters at the ops desk (which admins may use too).
 */
public enum Role {
    USER,
    ADMIN,
    OPS
}
