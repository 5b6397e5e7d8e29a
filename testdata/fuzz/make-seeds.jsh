// Writes the seed corpora of the fuzz tests (docs/fuzzing.md) into src/test/resources/…/<Test>Inputs/<method>/.
// Run from the project root after `mvn test-compile`:
//   mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
//   jshell --class-path "target/classes:target/test-classes:$(cat target/cp.txt)" testdata/fuzz/make-seeds.jsh
// Signed seeds differ from run to run (fresh keys, salts and signatures); any run's output serves.
import io.credmark.c2pa.assertion.*;
import io.credmark.c2pa.claim.*;
import io.credmark.c2pa.jumbf.*;
import io.credmark.c2pa.sign.*;
import io.credmark.container.*;
import io.credmark.pki.*;
import java.awt.image.*;
import java.io.*;
import java.nio.file.*;
import java.security.SecureRandom;
import java.util.*;
import javax.imageio.*;

Path res = Path.of("src/test/resources/io/credmark");
void put(String dir, String name, byte[] bytes) throws IOException {
    Path d = res.resolve(dir);
    Files.createDirectories(d);
    Files.write(d.resolve(name), bytes);
}
byte[] from(byte[] b, int skip) { return Arrays.copyOfRange(b, skip, b.length); }
byte[] concat(byte[] a, byte[] b) { byte[] c = Arrays.copyOf(a, a.length + b.length); System.arraycopy(b, 0, c, a.length, b.length); return c; }

BufferedImage picture(int w, int h, int type) {
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 29) << 16 | (y * 31) << 8 | ((x ^ y) * 17 & 0xFF));
    return img;
}
byte[] png(BufferedImage img) throws IOException { var out = new ByteArrayOutputStream(); ImageIO.write(img, "png", out); return out.toByteArray(); }
byte[] jpeg(BufferedImage img, boolean progressive) throws IOException {
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam p = w.getDefaultWriteParam();
    if (progressive) p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    var out = new ByteArrayOutputStream();
    try (var ios = ImageIO.createImageOutputStream(out)) { w.setOutput(ios); w.write(null, new IIOImage(img, null, null), p); }
    return out.toByteArray();
}

// Images: a few small ones of each colour type PNG knows, and baseline and progressive JPEGs.
byte[] base = png(picture(8, 8, BufferedImage.TYPE_INT_RGB));
put("c2pa/validate", "base.png", base);
Map<String, byte[]> pngs = new LinkedHashMap<>();
pngs.put("rgb8", base);
pngs.put("rgba8", png(picture(5, 3, BufferedImage.TYPE_INT_ARGB)));
pngs.put("gray8", png(picture(7, 2, BufferedImage.TYPE_BYTE_GRAY)));
pngs.put("gray16", png(picture(3, 3, BufferedImage.TYPE_USHORT_GRAY)));
pngs.put("palette", png(picture(6, 4, BufferedImage.TYPE_BYTE_INDEXED)));
pngs.put("gray1", png(picture(9, 3, BufferedImage.TYPE_BYTE_BINARY)));
Map<String, byte[]> jpegs = new LinkedHashMap<>();
jpegs.put("baseline", jpeg(picture(16, 8, BufferedImage.TYPE_INT_RGB), false));
jpegs.put("progressive", jpeg(picture(16, 8, BufferedImage.TYPE_INT_RGB), true));
jpegs.put("gray", jpeg(picture(8, 8, BufferedImage.TYPE_BYTE_GRAY), false));

// Signed stores for base.png: with the actions every v2 manifest needs, and with a parent ingredient as well.
Path caDir = Files.createTempDirectory("seed-ca");
DevelopmentCa ca = DevelopmentCa.openOrCreate(caDir);
Signer signer = KeySigner.of(ca.signer().privateKey(), ca.signer().chain());
SignedManifest sign(byte[] image, boolean parent) throws Exception {
    ManifestBuilder b = new ManifestBuilder(new ClaimWriter.GeneratorInfo("seed", "1"), new SecureRandom());
    List<HashedUri> ingredients = new ArrayList<>();
    if (parent) ingredients.add(b.add(IngredientAssertion.LABEL_V3, new IngredientAssertion("parent.png", "image/png", IngredientAssertion.PARENT_OF, null, null, null).encode()));
    b.add(ActionsAssertion.LABEL, ActionsAssertion.encode(List.of(parent
            ? new Action(Action.OPENED, null, null, null, ingredients, null)
            : new Action(Action.CREATED, DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA, null, null, List.of(), null))));
    return b.sign(EmbeddingPlan.replacingStores(AssetHandlers.read(image)), signer);
}
SignedManifest created = sign(base, false);
SignedManifest opened = sign(base, true);
put("c2pa/validate/ManifestValidationFuzzTestInputs/validate", "created", created.store());
put("c2pa/validate/ManifestValidationFuzzTestInputs/validate", "opened", opened.store());
put("c2pa/jumbf/JumbfReaderFuzzTestInputs/readSuperBox", "store", created.store());
SuperBox manifest = JumbfReader.readSuperBox(created.store()).superBoxes().get(0);
put("c2pa/cose/CoseSign1FuzzTestInputs/parse", "es256", manifest.child("c2pa.signature").get().firstContent().get().payload().toByteArray());
put("c2pa/cbor/CborReaderFuzzTestInputs/read", "claim", manifest.child("c2pa.claim.v2").get().firstContent().get().payload().toByteArray());
put("c2pa/cbor/CborReaderFuzzTestInputs/read", "data-hash", manifest.child("c2pa.assertions").get().child("c2pa.hash.data").get().firstContent().get().payload().toByteArray());
byte[] signedPng = created.toByteArray();
byte[] signedJpeg = sign(jpegs.get("baseline"), false).toByteArray();

// Container readers get the bytes after the PNG signature / after SOI: the targets put those back.
for (var e : pngs.entrySet()) put("container/png/PngChunkReaderFuzzTestInputs/read", e.getKey(), from(e.getValue(), 8));
put("container/png/PngChunkReaderFuzzTestInputs/read", "signed", from(signedPng, 8));
for (var e : jpegs.entrySet()) put("container/jpeg/JpegSegmentReaderFuzzTestInputs/read", e.getKey(), from(e.getValue(), 2));
put("container/jpeg/JpegSegmentReaderFuzzTestInputs/read", "signed", from(signedJpeg, 2));
// The skeleton target gets the same, and the same with bytes after EOI (which it walks the scans for).
byte[] trailer = concat(new byte[] {0x12, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9, 0x00, 0x34},
        "appended after EOI".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
Map<String, byte[]> skeletons = new LinkedHashMap<>(jpegs);
skeletons.put("signed", signedJpeg);
for (var e : skeletons.entrySet()) {
    put("container/jpeg/JpegSkeletonFuzzTestInputs/read", e.getKey(), from(e.getValue(), 2));
    put("container/jpeg/JpegSkeletonFuzzTestInputs/read", e.getKey() + "-trailer", concat(from(e.getValue(), 2), trailer));
}
for (var e : pngs.entrySet()) put("pixels/png/PngPixelReaderFuzzTestInputs/read", e.getKey(), from(e.getValue(), 8));
for (var e : jpegs.entrySet()) put("pixels/jpeg/JpegCoefficientReaderFuzzTestInputs/read", e.getKey(), from(e.getValue(), 2));

put("provenance/ProvenanceParserFuzzTestInputs/parse", "minimal.json", Files.readAllBytes(Path.of("testdata/provenance/minimal.json")));
put("provenance/ProvenanceParserFuzzTestInputs/parse", "example.json", Files.readAllBytes(Path.of("testdata/provenance/example.json")));

// Detector: width and height (two ints), a layout, then pixel bytes repeated over the image.
Random random = new Random(1);
byte[] noise = new byte[600];
random.nextBytes(noise);
put("pixels/watermark/WatermarkDetectorFuzzTestInputs/detect", "noise", noise);
put("pixels/watermark/WatermarkDetectorFuzzTestInputs/detect", "flat", new byte[64]);
/exit
