package io.credmark.creators;

import java.util.List;

/**
 * A creator's default policy after a change.
 *
 * @param alreadyPublished the fields the policy now withholds that are readable in files already stamped
 */
public record PolicyUpdate(CreatorAccount creator, List<PublishedField> alreadyPublished) {

    public PolicyUpdate {
        alreadyPublished = List.copyOf(alreadyPublished);
    }
}
