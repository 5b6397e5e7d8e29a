package io.credmark.http;

/**
 * The heap or the stack ran out while a handler served a request; carried as an exception so that the request is
 * answered (503, {@link Problems}) and counted like any other refusal instead of reaching the container as an Error.
 */
final class ResourceExhaustedException extends RuntimeException {

    ResourceExhaustedException(VirtualMachineError cause) {
        super(cause.toString(), cause, false, false);
    }
}
