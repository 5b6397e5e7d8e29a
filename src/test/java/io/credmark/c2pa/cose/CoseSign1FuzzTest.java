package io.credmark.c2pa.cose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credmark.c2pa.CoseException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Any bytes either read as a COSE_Sign1 whose headers, certificate chain, time-stamp token and signature can be
 * inspected and checked, or fail with {@link CoseException}; verifying never throws (docs/fuzzing.md).
 */
class CoseSign1FuzzTest {

    private static final byte[] CLAIM = {(byte) 0xA1, 0x61, 'a', 0x01};

    @FuzzTest
    void parse(byte[] data) {
        CoseSign1 cose;
        try {
            cose = CoseSign1.parse(data);
        } catch (CoseException expected) {
            return;
        }
        cose.algorithmId();
        cose.timeStampToken();
        Optional<CoseAlgorithm> algorithm = cose.algorithm();
        List<X509Certificate> chain;
        try {
            chain = cose.certificateChain();
        } catch (CoseException expected) {
            return;
        }
        if (algorithm.isPresent() && !chain.isEmpty()) {
            cose.verify(algorithm.get(), chain.get(0), CLAIM);
        }
    }
}
