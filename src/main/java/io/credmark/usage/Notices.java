package io.credmark.usage;

import io.credmark.AccessDeniedException;
import io.credmark.InvalidInputException;
import io.credmark.NotFoundException;
import io.credmark.creators.CreatorAccount;
import io.credmark.creators.CredentialViews;
import io.credmark.creators.ModelRegistry;
import io.credmark.credential.Credential;
import io.credmark.credential.CredentialId;
import io.credmark.store.NoticeRepository;
import io.credmark.store.NoticeRepository.NoticeRecord;
import io.credmark.store.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Creators' notices on their credentials and models. */
public final class Notices {

    public static final int MAX_TEXT = 500;
    static final String CREDENTIAL = "credential";
    static final String MODEL = "model";

    private final NoticeRepository store;
    private final CredentialViews credentials;
    private final ModelRegistry models;
    private final Clock clock;

    public Notices(NoticeRepository store, CredentialViews credentials, ModelRegistry models, Clock clock) {
        this.store = store;
        this.credentials = credentials;
        this.models = models;
        this.clock = clock;
    }

    /** The notice shown with a credential: its own, else its registered model's. */
    public Optional<Notice> of(CredentialId id) {
        return store.forCredential(id.value(), id.text()).map(Notices::fromRecord);
    }

    /** @throws AccessDeniedException when the credential is not the creator's */
    public Notice setOnCredential(CredentialId id, CreatorAccount creator, String text) {
        ownCredential(id, creator);
        return put(CREDENTIAL, id.text(), creator, text);
    }

    public boolean removeFromCredential(CredentialId id, CreatorAccount creator) {
        ownCredential(id, creator);
        return store.delete(CREDENTIAL, id.text());
    }

    /** @throws NotFoundException when the model is not one of the creator's */
    public Notice setOnModel(String modelId, CreatorAccount creator, String text) {
        models.ownModel(creator, modelId);
        return put(MODEL, modelId, creator, text);
    }

    public boolean removeFromModel(String modelId, CreatorAccount creator) {
        models.ownModel(creator, modelId);
        return store.delete(MODEL, modelId);
    }

    public List<Notice> byCreator(CreatorAccount creator) {
        return store.byCreator(creator.handle()).stream().map(Notices::fromRecord).toList();
    }

    private Notice put(String scope, String target, CreatorAccount creator, String text) {
        String t = Texts.clean(text);
        if (t.isEmpty()) {
            throw InvalidInputException.invalidDocument("text",
                    "required; to remove a notice, DELETE it");
        }
        if (t.length() > MAX_TEXT) {
            throw InvalidInputException.invalidDocument("text", "at most " + MAX_TEXT
                    + " characters (this one has " + t.length() + ")");
        }
        NoticeRecord r = new NoticeRecord(scope, target, creator.handle(), t, Timestamps.storable(clock.instant()));
        store.put(r);
        return fromRecord(r);
    }

    private void ownCredential(CredentialId id, CreatorAccount creator) {
        Credential c = credentials.find(id).orElseThrow(() -> new NotFoundException("no credential with the id '"
                + id.text() + "'"));
        if (!c.provenance().creator().handle().equals(creator.handle())) {
            throw new AccessDeniedException("the credential " + id.text() + " is not " + creator.handle() + "'s");
        }
    }

    private static Notice fromRecord(NoticeRecord r) {
        return new Notice(r.scope(), r.target(), r.creatorHandle(), r.text(), r.updatedAt());
    }
}
