package io.credmark.c2pa.validate;

import static io.credmark.c2pa.validate.SignatureCheckTest.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.assertion.Action;
import io.credmark.c2pa.assertion.ActionsAssertion;
import io.credmark.c2pa.assertion.DigitalSourceType;
import io.credmark.c2pa.assertion.IngredientAssertion;
import io.credmark.c2pa.claim.HashedUri;
import io.credmark.c2pa.sign.ManifestBuilder;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.TrustAnchors;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 2.2 §18.4.4: how a v2 manifest's actions must begin, and what c2pa.opened must refer to. */
class ActionRulesTest {

    private static final String AI = DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA;

    @TempDir
    static Path dir;
    static DevelopmentCa ca;

    @BeforeAll
    static void openCa() {
        ca = DevelopmentCa.openOrCreate(dir);
    }

    @Test
    void createdWithASourceTypeFirstIsWellFormed() {
        ValidationResult r = validate(b -> actions(b, action(Action.CREATED, AI), action(Action.EDITED, null)));
        assertFalse(codes(r).contains("assertion.action.malformed"), codes(r).toString());
        assertEquals(ValidationState.TRUSTED, r.state());
    }

    @Test
    void aManifestWithoutActionsIsActionMalformed() {
        ValidationResult r = validate(b -> { });
        assertTrue(codes(r).contains("assertion.action.malformed"), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void aFirstActionOtherThanCreatedOrOpenedIsActionMalformed() {
        ValidationResult r = validate(b -> actions(b, action(Action.EDITED, null)));
        assertTrue(codes(r).contains("assertion.action.malformed"), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void createdWithoutADigitalSourceTypeIsActionMalformed() {
        ValidationResult r = validate(b -> actions(b, action(Action.CREATED, null)));
        assertTrue(codes(r).contains("assertion.action.malformed"), codes(r).toString());
    }

    @Test
    void createdAnywhereButFirstIsActionMalformed() {
        ValidationResult r = validate(b -> actions(b, action(Action.CREATED, AI), action(Action.CREATED, AI)));
        assertEquals(1, codes(r).stream().filter("assertion.action.malformed"::equals).count(), codes(r).toString());
    }

    @Test
    void openedNamingAComponentInsteadOfTheParentIsIngredientMismatch() {
        ValidationResult r = validate(b -> {
            HashedUri component = b.add(IngredientAssertion.LABEL_V3, new IngredientAssertion("part.png",
                    "image/png", IngredientAssertion.COMPONENT_OF, null, null, null).encode());
            actions(b, new Action(Action.OPENED, null, null, null, List.of(component), null));
        });
        assertTrue(codes(r).contains("assertion.action.ingredientMismatch"), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void openedNamingTheParentIsWellFormed() {
        ValidationResult r = validate(b -> {
            HashedUri parent = b.add(IngredientAssertion.LABEL_V3, new IngredientAssertion("parent.png",
                    "image/png", IngredientAssertion.PARENT_OF, null, null, null).encode());
            actions(b, new Action(Action.OPENED, null, null, null, List.of(parent), null));
        });
        assertFalse(codes(r).contains("assertion.action.ingredientMismatch"), codes(r).toString());
        assertFalse(codes(r).contains("assertion.action.malformed"), codes(r).toString());
    }

    private static Action action(String name, String sourceType) {
        return new Action(name, sourceType, null, null, List.of(), null);
    }

    private static void actions(ManifestBuilder b, Action... actions) {
        b.add(ActionsAssertion.LABEL, ActionsAssertion.encode(List.of(actions)));
    }

    private static ValidationResult validate(Consumer<ManifestBuilder> content) {
        byte[] file = SignedImages.sign(SignedImages.png(), SignedImages.signer(ca), content);
        return SignedImages.validate(file, TrustAnchors.of(ca.root()));
    }
}
