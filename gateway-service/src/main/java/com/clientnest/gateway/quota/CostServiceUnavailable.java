package com.clientnest.gateway.quota;

/** The cost service gave no usable answer: nothing can be admitted until it does. */
class CostServiceUnavailable extends RuntimeException {

    CostServiceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    CostServiceUnavailable(String message) {
        super(message);
    }
}
