package io.credmark.cli;

import static io.credmark.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.c2pa.sign.TimeStamp;
import io.credmark.cli.CliRunner.Run;
import io.credmark.identity.ModelEvidence;
import io.credmark.identity.ModelRegistration;
import io.credmark.identity.TimeStampAuthority;
import io.credmark.identity.TimeStampClient;
import io.credmark.identity.TimeStampEvidence;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.TrustAnchors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-evidence} on a bundle time-stamped by a real built-in TSA: accepted as it is, rejected with a clear
 * message when the record, the token or the chain was tampered with, and trusted only with the TSA's root named.
 */
class VerifyEvidenceCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private DevelopmentCa ca;
    private TimeStamp stamp;
    private ModelRegistration registration;

    @BeforeEach
    void registerAndTimeStamp() {
        ca = DevelopmentCa.openOrCreate(dir.resolve("ca"));
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.putObject("creator").put("handle", "alder.lab").put("displayName", "Alder Lab");
        record.putObject("model").put("name", "Alder XL").put("version", "2.0");
        registration = new ModelRegistration("alder.lab:alder-xl", 1, "alder.lab",
                Instant.parse("2026-12-03T10:15:30Z"), record);
        stamp = TimeStampClient.local(authority(ca)).timeStamp(registration.canonicalBytes());
    }

    @Test
    void acceptsARealBundleAndSaysWhatItProves() throws Exception {
        Run valid = verifyEvidence(write(bundle(stamp.token(), chain(ca))));
        assertEquals(0, valid.exit(), valid.err());
        assertEquals("valid", valid.json().get("status").asText());
        assertTrue(valid.json().get("message").asText().contains("not one you named with --trust-anchors"));
        assertEquals("This record (model alder.lab:alder-xl, revision 1) existed, registered by this creator"
                + " (alder.lab), no later than " + stamp.time() + ", as the time-stamping authority "
                + ca.timeStampAuthority().leaf().getSubjectX500Principal().getName() + " attests.",
                valid.json().get("registrations").get(0).get("proves").asText());
        assertTrue(valid.json().get("doesNotProve").asText().contains("not who made the model"));

        Path root = dir.resolve("root.pem");
        Files.writeString(root, ca.rootPem());
        Run trusted = verifyEvidence(write(bundle(stamp.token(), chain(ca))), "--trust-anchors", root.toString());
        assertEquals(0, trusted.exit(), trusted.err());
        assertEquals("trusted", trusted.json().get("status").asText());

        // another root named: the evidence holds, but not by a root the checker trusts
        Path other = dir.resolve("other-root.pem");
        Files.writeString(other, DevelopmentCa.openOrCreate(dir.resolve("other")).rootPem());
        Run elsewhere = verifyEvidence(write(bundle(stamp.token(), chain(ca))), "--trust-anchors", other.toString());
        assertEquals(0, elsewhere.exit());
        assertEquals("valid", elsewhere.json().get("status").asText());
    }

    @Test
    void rejectsATamperedRecord() throws Exception {
        ObjectNode bundle = bundle(stamp.token(), chain(ca));
        ((ObjectNode) bundle.get("registrations").get(0).get("statement").get("record").get("model"))
                .put("version", "1.0");
        Run r = verifyEvidence(write(bundle));
        assertEquals(1, r.exit(), r.out());
        assertEquals("invalid", r.json().get("status").asText());
        assertTrue(r.err().startsWith("credmark: The evidence does not hold: registrations[0] (revision 1): the"
                + " time-stamp token is over other data"), r.err());
        assertFalse(r.json().get("registrations").get(0).has("proves"));

        // a later registration time claimed for the same record is as much a change
        ObjectNode later = bundle(stamp.token(), chain(ca));
        ((ObjectNode) later.get("registrations").get(0).get("statement")).put("registeredAt", "2026-12-01T00:00:00Z");
        assertEquals(1, verifyEvidence(write(later)).exit());
    }

    @Test
    void rejectsATamperedToken() throws Exception {
        // backdated by a year: the TSA's signature no longer covers the time
        String time = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(stamp.time());
        String backdated = Integer.toString(Integer.parseInt(time.substring(0, 4)) - 1) + time.substring(4);
        byte[] token = replace(stamp.token(), time.getBytes(StandardCharsets.US_ASCII),
                backdated.getBytes(StandardCharsets.US_ASCII));
        Run r = verifyEvidence(write(bundle(token, chain(ca))));
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("the time-stamp token does not verify with the authority certificate"), r.err());

        byte[] garbage = stamp.token();
        garbage[4] ^= 0x55;
        Run unreadable = verifyEvidence(write(bundle(garbage, chain(ca))));
        assertEquals(1, unreadable.exit(), unreadable.out());
        assertTrue(unreadable.err().contains("the time-stamp token cannot be read"), unreadable.err());
    }

    @Test
    void rejectsAWrongChain() throws Exception {
        DevelopmentCa other = DevelopmentCa.openOrCreate(dir.resolve("other"));
        Run foreign = verifyEvidence(write(bundle(stamp.token(), chain(other))));
        assertEquals(1, foreign.exit(), foreign.out());
        assertTrue(foreign.err().contains("was not signed by the authority certificate given (")
                && foreign.err().contains("wrong chain"), foreign.err());

        // the right TSA certificate under another root
        List<X509Certificate> grafted = List.of(chain(ca).get(0), chain(ca).get(1), other.root());
        Run r = verifyEvidence(write(bundle(stamp.token(), grafted)));
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("the authority's chain does not hold"), r.err());

        Run rootless = verifyEvidence(write(bundle(stamp.token(), chain(ca).subList(0, 2))));
        assertEquals(1, rootless.exit(), rootless.out());
        assertTrue(rootless.err().contains("does not end at a root certificate"), rootless.err());
    }

    @Test
    void anUnreadableBundleIsAUsageError() throws Exception {
        Path file = dir.resolve("not-evidence.json");
        Files.writeString(file, "{\"format\":\"something-else/1\"}");
        Run r = verifyEvidence(file);
        assertEquals(2, r.exit());
        assertEquals("credmark: format: expected \"credmark-model-evidence/1\"", r.err().strip());
        // a credential's bundle: the command that checks it is named
        Files.writeString(file, "{\"format\":\"credmark-evidence/1\"}");
        Run credential = verifyEvidence(file);
        assertEquals(2, credential.exit());
        assertTrue(credential.err().contains("verify FILE --evidence BUNDLE.json"), credential.err());

        Run help = run("verify-evidence", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--trust-anchors"), help.out());
    }

    // --- fixtures and runs -----------------------------------------------------------------------------------------

    private static TimeStampAuthority authority(DevelopmentCa ca) {
        return new TimeStampAuthority(ca.timeStampAuthority(), Clock.systemUTC(), new SecureRandom());
    }

    /** The TSA's chain as the service puts it in a bundle: its certificate, the intermediate, the root. */
    private static List<X509Certificate> chain(DevelopmentCa ca) {
        return TimeStampEvidence.of(TimeStampClient.local(authority(ca)).timeStamp(new byte[1]).token(),
                TrustAnchors.of(ca.root())).chain();
    }

    private ObjectNode bundle(byte[] token, List<X509Certificate> chain) {
        ModelEvidence evidence = new ModelEvidence(registration.modelId(), "https://credmark.example/m/alder",
                List.of(new ModelEvidence.Registration(registration.statement(),
                        Optional.of(new TimeStampEvidence(token, chain)))));
        ObjectNode json = evidence.toJson();
        ArrayNode chainJson = (ArrayNode) json.get("registrations").get(0).get("timeStamp").get("chain");
        assertEquals(chain.size(), chainJson.size());
        assertEquals(Base64.getEncoder().encodeToString(token),
                json.get("registrations").get(0).get("timeStamp").get("token").asText());
        return json;
    }

    private Path write(ObjectNode bundle) throws Exception {
        Path file = Files.createTempFile(dir, "evidence", ".json");
        Files.writeString(file, bundle.toPrettyString());
        return file;
    }

    private Run verifyEvidence(Path bundle, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("verify-evidence", bundle.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static byte[] replace(byte[] data, byte[] find, byte[] with) {
        for (int i = 0; i + find.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + find.length, find, 0, find.length)) {
                byte[] out = data.clone();
                System.arraycopy(with, 0, out, i, with.length);
                return out;
            }
        }
        throw new AssertionError("the token does not hold its time as " + new String(find, StandardCharsets.US_ASCII));
    }
}
