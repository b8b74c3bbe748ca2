package dev.glsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the bytes, decoding gives a record or an {@link AvroDecodingException}, nothing else. */
class AvroSerdeFuzzTest {

    private static final byte[] VALID = AvroSerde.of(SessionSnapshot.class).serialize("t", Samples.snapshot());

    @Property(tries = 2000, seed = "42")
    void randomBytesNeverEscapeAsAnotherException(@ForAll("randomBytes") byte[] bytes) {
        assertDecodesOrFailsCleanly(bytes);
    }

    @Property(tries = 3000, seed = "42")
    void aValidHeaderWithAMutatedBodyNeverEscapesAsAnotherException(@ForAll("mutations") byte[] bytes) {
        assertDecodesOrFailsCleanly(bytes);
    }

    private static void assertDecodesOrFailsCleanly(byte[] bytes) {
        try {
            SessionSnapshot decoded = AvroSerde.of(SessionSnapshot.class).deserialize("fuzz", bytes);
            assertThat(decoded).isNotNull();
        } catch (AvroDecodingException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(10, VALID.length - 1);
        Arbitrary<Byte> value = Arbitraries.bytes();
        Arbitrary<Integer> cut = Arbitraries.integers().between(10, VALID.length);
        return net.jqwik.api.Combinators.combine(position, value, cut).as((p, v, c) -> {
            byte[] copy = Arrays.copyOf(VALID, VALID.length);
            copy[p] = v;
            return Arrays.copyOf(copy, c);
        });
    }
}
