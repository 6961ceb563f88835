package com.clientnest.cost;

/** A call to the internal API without the service token; answered with a 401 problem. */
class UnauthorizedCaller extends RuntimeException {

    UnauthorizedCaller(String message) {
        super(message);
    }
}
