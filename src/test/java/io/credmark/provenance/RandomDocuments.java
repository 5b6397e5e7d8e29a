package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Generates valid provenance documents with every field present or absent at random, for round-trip checks. */
final class RandomDocuments {

    private static final String[] FRAGMENTS = {"a", "Z", "0", " ", ",", ":", "\"", "\\", "\n", "\t", "\u0001", "é",
            "水墨", "🪶", "<lora:x:0.7>", "(masterpiece:1.2)", "/", "{", "}", "[", "null", "\u2028"};
    private static final double[] SPECIAL_NUMBERS = {0.0, -0.0, 1.0, 0.1, 1e-300, 1e300, Double.MIN_VALUE,
            Double.MAX_VALUE, -Double.MAX_VALUE, 7.5, -1.25};

    private final Random random;

    RandomDocuments(long seed) {
        this.random = new Random(seed);
    }

    ProvenanceDocument next() {
        return new ProvenanceDocument(
                new Creator(text(), maybe(this::text), maybe(this::url)),
                new Model(text(), maybe(this::text), maybe(this::hash), maybe(this::url)),
                maybe(this::generation), maybe(this::lineage), maybe(this::usage));
    }

    private Generation generation() {
        return new Generation(maybe(this::text), maybe(this::text), maybe(this::seed), maybe(this::positive),
                maybe(this::text), maybe(this::text), maybe(() -> Math.abs(number())), maybe(this::positive),
                maybe(this::positive), maybe(this::fraction), maybe(this::text), maybe(() -> freeObject(1)));
    }

    private Lineage lineage() {
        return new Lineage(list(this::reference), list(() -> new Merge(reference(), maybe(this::number))),
                list(this::adapter), list(() -> new Dataset(text(), maybe(this::text), maybe(this::url))),
                maybe(() -> new FineTuning(maybe(this::text), maybe(this::text))),
                maybe(() -> new SafetyValidation(maybe(this::text), maybe(this::text))),
                list(() -> new Credit(text(), maybe(this::text), maybe(this::text))));
    }

    private Usage usage() {
        return new Usage(maybe(this::text), maybe(this::url), list(this::text), list(this::text), maybe(this::text));
    }

    private ModelReference reference() {
        String modelId = maybe(() -> "mdl_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        String name = modelId == null || random.nextBoolean() ? text() : null;
        return new ModelReference(name, maybe(this::text), maybe(this::hash), maybe(this::url), modelId);
    }

    private Adapter adapter() {
        AdapterKind[] kinds = AdapterKind.values();
        return new Adapter(maybe(() -> kinds[random.nextInt(kinds.length)]), text(), maybe(this::number),
                maybe(this::hash), maybe(this::text));
    }

    /** Non-blank text built from fragments that stress escaping and Unicode. */
    String text() {
        StringBuilder text = new StringBuilder("x");
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        return random.nextBoolean() ? text.toString() : text.reverse().toString();
    }

    private String url() {
        String[] hosts = {"https://example.org", "http://models.example.net:8080", "HTTPS://Example.COM"};
        return hosts[random.nextInt(hosts.length)] + "/" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
                + (random.nextBoolean() ? "?v=" + random.nextInt(100) + "#top" : "");
    }

    private ModelHash hash() {
        ModelHash.Kind kind = random.nextBoolean() ? ModelHash.Kind.SHA256 : ModelHash.Kind.A1111_SHORTHASH;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < kind.hexDigits(); i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return new ModelHash(random.nextBoolean() ? hex.toString() : hex.toString().toUpperCase(), kind);
    }

    private BigInteger seed() {
        return switch (random.nextInt(4)) {
            case 0 -> BigInteger.valueOf(random.nextInt(Integer.MAX_VALUE));
            case 1 -> ProvenanceLimits.SEED_BOUND.subtract(BigInteger.ONE);
            default -> new BigInteger(64, random);
        };
    }

    private Integer positive() {
        return 1 + random.nextInt(random.nextBoolean() ? 4096 : Integer.MAX_VALUE);
    }

    private double number() {
        return random.nextBoolean() ? SPECIAL_NUMBERS[random.nextInt(SPECIAL_NUMBERS.length)]
                : random.nextGaussian() * 10;
    }

    private double fraction() {
        return random.nextInt(5) == 0 ? random.nextInt(2) : random.nextDouble();
    }

    private ObjectNode freeObject(int depth) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        int members = random.nextInt(4);
        for (int i = 0; i < members; i++) {
            object.set(text(), freeValue(depth + 1));
        }
        return object;
    }

    private JsonNode freeValue(int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int choice = random.nextInt(depth < 4 ? 9 : 7);
        return switch (choice) {
            case 0 -> nodes.textNode(text());
            case 1 -> nodes.numberNode(random.nextInt());
            case 2 -> nodes.numberNode(random.nextLong());
            case 3 -> nodes.numberNode(new BigInteger(80, random));
            case 4 -> random.nextBoolean() ? nodes.numberNode(number()) : nodes.numberNode(new BigDecimal("12.50"));
            case 5 -> nodes.booleanNode(random.nextBoolean());
            case 6 -> nodes.nullNode();
            case 7 -> freeObject(depth);
            default -> {
                ArrayNode array = nodes.arrayNode();
                int elements = random.nextInt(4);
                for (int i = 0; i < elements; i++) {
                    array.add(freeValue(depth + 1));
                }
                yield array;
            }
        };
    }

    private <T> T maybe(Supplier<T> value) {
        return random.nextInt(3) == 0 ? null : value.get();
    }

    private <T> List<T> list(Supplier<T> element) {
        List<T> list = new ArrayList<>();
        int size = random.nextInt(3) == 0 ? 0 : random.nextInt(4);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }
}
