package dev.stepwise.asl.intrinsic;

import static dev.stepwise.asl.intrinsic.Intrinsics.assertFails;
import static dev.stepwise.asl.intrinsic.Intrinsics.assertInvalidArguments;
import static dev.stepwise.asl.intrinsic.Intrinsics.evaluate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** States.Base64Encode, Base64Decode and Hash. */
class EncodingAndHashFunctionsTest {

    private static String text(String expression) {
        return evaluate(expression).textValue();
    }

    @Test
    void base64EncodeEncodesTheDocsExample() {
        assertEquals("RGF0YSB0byBlbmNvZGU=", text("States.Base64Encode('Data to encode')"));
        assertEquals("", text("States.Base64Encode('')"));
        assertEquals("4pyT", text("States.Base64Encode('✓')"));
    }

    @Test
    void base64EncodeTakesUpToTenThousandCharacters() {
        assertEquals(13336, text("States.Base64Encode('" + "a".repeat(10_000) + "')").length());
        assertInvalidArguments("States.Base64Encode('" + "a".repeat(10_001) + "')", "States.Base64Encode");
        assertInvalidArguments("States.Base64Encode(123)", "States.Base64Encode");
    }

    @Test
    void base64DecodeDecodesTheDocsExample() {
        // The docs print "Decoded data" as the result, but RGF0YSB0byBlbmNvZGU= is "Data to encode".
        assertEquals("Data to encode", text("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"));
        assertEquals("hello", text("States.Base64Decode(States.Base64Encode('hello'))"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "aGVsbG8=             | hello",
        "4pyT                 | ✓",
        "44GT44KT44Gr44Gh44Gv | こんにちは",
        "YWJjZA==             | abcd",
        "' YWJjZA== '         | abcd",
        "IA==                 | ' '",
        "ab==cd               | i",
    })
    void base64DecodeIsLenientAsObservedOnAws(String encoded, String decoded) {
        assertEquals(decoded, text("States.Base64Decode('" + encoded + "')"));
    }

    @Test
    void base64DecodeSkipsForeignCharactersAndDropsPartialBytes() {
        // Observed on AWS: 'abc' and '!!!invalid!!!' decode rather than fail.
        assertArrayEquals(new byte[] {0x69, (byte) 0xb7}, StatesBase64Decode.decodeLeniently("abc"));
        assertArrayEquals(StatesBase64Decode.decodeLeniently("invalid"), StatesBase64Decode.decodeLeniently("!!!invalid!!!"));
        assertEquals(5, StatesBase64Decode.decodeLeniently("invalid").length);
    }

    @Test
    void base64DecodeTakesUpToTenThousandCharacters() {
        assertEquals(7500, text("States.Base64Decode('" + "A".repeat(10_000) + "')").length());
        assertInvalidArguments("States.Base64Decode('" + "A".repeat(10_001) + "')", "States.Base64Decode");
        assertInvalidArguments("States.Base64Decode(123)", "States.Base64Decode");
        assertInvalidArguments("States.Base64Decode(States.StringToJson('{}'))", "States.Base64Decode");
    }

    @Test
    void hashComputesTheDocsExample() {
        // The docs print aaff4a450a104cd177d28d18d7485e8cae074b7, one digit short of the SHA-1 of
        // "input data"; this is the whole digest.
        assertEquals("aaff4a450a104cd177d28d18d74485e8cae074b7", text("States.Hash('input data', 'SHA-1')"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MD5     | 5d41402abc4b2a76b9719d911017c592",
        "SHA-1   | aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
        "SHA-256 | 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        "SHA-384 | 59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f",
        "SHA-512 | 9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043",
    })
    void hashSupportsTheFiveDocumentedAlgorithms(String algorithm, String digest) {
        assertEquals(digest, text("States.Hash('hello', '" + algorithm + "')"));
    }

    @Test
    void hashDigestsUtf8() {
        assertEquals("1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604", text("States.Hash('✓', 'SHA-256')"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", text("States.Hash('', 'SHA-256')"));
        assertEquals("1274e286686b54fe765ec40735665b4bf789cee2a5b22124c5e0491a88e15271",
                text("States.Hash(States.Format('{}:{}', 'x', 'y'), 'SHA-256')"));
    }

    @Test
    void hashTakesUpToTenThousandCharacters() {
        assertEquals(64, text("States.Hash('" + "a".repeat(10_000) + "', 'SHA-256')").length());
        assertInvalidArguments("States.Hash('" + "a".repeat(10_001) + "', 'SHA-256')", "States.Hash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNSUPPORTED", "sha-256", "SHA256", "", "MD-5", "SHA-257"})
    void hashRejectsAnAlgorithmAwsDoesNotList(String algorithm) {
        assertInvalidArguments("States.Hash('data', '" + algorithm + "')", "States.Hash");
    }

    @Test
    void hashRejectsANonStringAlgorithm() {
        assertFails("States.Hash('hello', 123)", "Invalid arguments in States.Hash");
    }
}
