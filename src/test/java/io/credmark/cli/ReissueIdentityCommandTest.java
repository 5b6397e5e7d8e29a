package io.credmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.access.ApiKeyRole;
import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
import io.credmark.cli.CliRunner.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys reissue-identity} on an installation whose signer is not in a PKCS#11 token: the new key is the
 * service's, and stamps sign the creator's identity with it. {@code HsmIdentityIT} has the token.
 */
class ReissueIdentityCommandTest {

    private static final Pattern SERIAL = Pattern.compile("serial ([0-9a-f]+),");

    @TempDir
    Path dir;

    @Test
    void eachRunMakesTheCreatorsCredentialANewOneThatStampsSignWith() {
        String data = dir.resolve("data").toString();
        Settings settings = Settings.resolve(Optional.of(data), Map.of(), Map.of());
        try (ServiceNode node = LocalStore.open(settings, "")) {
            node.creators().register("lark.hill");
            node.apiKeys().create("studio", ApiKeyRole.STAMP);
            node.identities().setGrants(node.creators().require("lark.hill"), List.of("studio"));
        }

        Run first = CliRunner.run("keys", "reissue-identity", "--creator", "lark.hill", "--data", data);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("new identity key of lark.hill, held by the service; certificate for"
                + " lark.hill, serial "), first.out());
        Run second = CliRunner.run("keys", "reissue-identity", "--creator", "lark.hill", "--data", data);
        assertEquals(0, second.exit(), second.err());
        assertNotEquals(serial(first), serial(second));

        try (ServiceNode node = LocalStore.open(settings, "")) {
            String signing = node.identities().signingIdentity("lark.hill", "studio").orElseThrow().signer().chain()
                    .get(0).getSerialNumber().toString(16);
            assertEquals(serial(second), signing);
        }
    }

    @Test
    void anUnknownCreatorIsAUsageError() {
        Run run = CliRunner.run("keys", "reissue-identity", "--creator", "nobody.here", "--data",
                dir.resolve("data").toString());
        assertEquals(2, run.exit(), run.out());
        assertEquals("credmark: no creator registered as 'nobody.here'\n", run.err());
    }

    private static String serial(Run run) {
        Matcher m = SERIAL.matcher(run.out());
        assertTrue(m.find(), run.out());
        return m.group(1);
    }
}
