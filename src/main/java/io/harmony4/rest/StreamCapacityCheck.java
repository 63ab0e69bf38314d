package io.harmony4.rest;

import io.harmony4.service.StreamService;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Refuses an upgrade to any path under /v1/streams but compress and decompress with 404. Refuses a stream's upgrade
 * with 503 and {@code Retry-After} while {@code harmony4.streams.max-streams} are open,
 * before the connection becomes a WebSocket (a client and a load balancer both understand a 503); and hands the
 * upgraded connection's reads to the stream, which pauses them when its client does not read its answers.
 */
@ApplicationScoped
public class StreamCapacityCheck implements HttpUpgradeCheck {
    static final UserData.TypedKey<InboundReads> READS = new UserData.TypedKey<>("harmony4.stream.reads");

    private final StreamService streams;

    StreamCapacityCheck(StreamService streams) {
        this.streams = streams;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return endpointId.equals(StreamEndpoint.ID);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String direction = context.pathParam("direction");
        if (!StreamEndpoint.COMPRESS.equals(direction) && !StreamEndpoint.DECOMPRESS.equals(direction)) {
            return CheckResult.rejectUpgrade(404);
        }
        if (streams.atCapacity()) {
            String seconds = Long.toString(Math.max(1, streams.config().retryAfter().toSeconds()));
            return CheckResult.rejectUpgrade(503, Map.of("Retry-After", List.of(seconds)));
        }
        context.userData().put(READS, InboundReads.of(context.httpRequest().connection()));
        return CheckResult.permitUpgrade();
    }
}
