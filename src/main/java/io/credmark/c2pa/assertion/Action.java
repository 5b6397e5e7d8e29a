package io.credmark.c2pa.assertion;

import io.credmark.c2pa.claim.HashedUri;
import java.time.Instant;
import java.util.List;

/**
 * One entry of {@code c2pa.actions.v2} (spec 2.2 §18.4).
 *
 * @param softwareAgent the generator that acted, as a v2 generator-info map ({@code name}, {@code version})
 * @param ingredients   hashed URIs of the ingredients the action used ({@code parameters.ingredients})
 */
public record Action(String action, String digitalSourceType, SoftwareAgent softwareAgent, Instant when,
        List<HashedUri> ingredients, String description, List<Region> changes) {

    public static final String CREATED = "c2pa.created";
    public static final String OPENED = "c2pa.opened";
    public static final String EDITED = "c2pa.edited";

    public Action {
        ingredients = ingredients == null ? List.of() : List.copyOf(ingredients);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public Action(String action, String digitalSourceType, SoftwareAgent softwareAgent, Instant when,
            List<HashedUri> ingredients, String description) {
        this(action, digitalSourceType, softwareAgent, when, ingredients, description, List.of());
    }

    public record SoftwareAgent(String name, String version) {
    }

    /**
     * A rectangle of pixels the action changed: a region of interest (spec 2.2 §18.4.3, "changes") with one
     * spatial range whose shape is a pixel rectangle.
     */
    public record Region(int x, int y, int width, int height, String description) {
    }
}
