package io.harmony4.bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The bare app's one endpoint: start-up ends when it answers. */
@Path("/hello")
public class HelloResource {
    @GET
    public String hello() {
        return "hello";
    }
}
