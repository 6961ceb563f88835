package com.clientnest.cost;

/** A client sent a request this service cannot accept as it is; answered with a 400 problem. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
