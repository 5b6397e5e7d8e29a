package io.credmark.http.admission;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests each client has in progress, and how many anonymous uploads are being received in all. A slow
 * client holds a server thread while its body arrives; these bounds keep such clients to a few threads each and to
 * a share of the pool in all, so that the health check and stamping always find one.
 */
public final class InFlight {

    private final int perClient;
    private final int anonymousBodies;
    private final ConcurrentHashMap<Client, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger receiving = new AtomicInteger();

    /**
     * @param perClient       requests one client may have in progress at once
     * @param anonymousBodies anonymous request bodies that may be arriving at once, from all clients
     */
    public InFlight(int perClient, int anonymousBodies) {
        this.perClient = perClient;
        this.anonymousBodies = anonymousBodies;
    }

    /**
     * Counts a request in; {@link #leave(Client)} counts it out.
     *
     * @throws Refusal 429 when the client has {@code perClient} requests in progress
     */
    public void enter(Client client) {
        AtomicInteger n = counts.compute(client, (c, v) -> {
            AtomicInteger count = v == null ? new AtomicInteger() : v;
            count.incrementAndGet();
            return count;
        });
        if (n.get() > perClient) {
            leave(client);
            throw new Refusal(true, 1, "this client has " + perClient + " requests in progress; wait for one to"
                    + " finish");
        }
    }

    public void leave(Client client) {
        counts.computeIfPresent(client, (c, v) -> v.decrementAndGet() <= 0 ? null : v);
    }

    /**
     * Counts an anonymous body in while it arrives; {@link #bodyReceived()} counts it out.
     *
     * @throws Refusal 503 when {@code anonymousBodies} are arriving already
     */
    public void receivingBody() {
        if (receiving.incrementAndGet() > anonymousBodies) {
            receiving.decrementAndGet();
            throw new Refusal(false, 2, "the service is receiving as many uploads as it takes at once; retry later");
        }
    }

    public void bodyReceived() {
        receiving.decrementAndGet();
    }
}
