package io.releasewatch.store;

/** A read or write of the monitor's own store failed. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
