package dev.stepwise.tasks.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Counts UTF-8 text as it streams past, so that a character offset (what a character parser
 * reports) can be turned back into the byte offset S3 reads from. Each character starts at one
 * lead byte; only the characters wider than a byte are remembered (their position and the extra
 * bytes they take), and those behind the position last asked for are folded into one sum.
 */
final class Utf8Ledger extends FilterInputStream {
    private long chars;
    private long[] at = new long[64];
    private long[] extra = new long[64];
    private int size;
    private long foldedExtra;

    Utf8Ledger(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        for (int i = 0; i < read; i++) {
            count(buffer[offset + i]);
        }
        return read;
    }

    private void count(byte b) {
        int unsigned = b & 0xFF;
        if ((unsigned & 0xC0) == 0x80) {
            return; // a continuation byte of the character counted at its lead byte
        }
        int width = unsigned >= 0xF0 ? 4 : unsigned >= 0xE0 ? 3 : unsigned >= 0xC0 ? 2 : 1;
        int charsOf = width == 4 ? 2 : 1; // a 4-byte character is a surrogate pair in Java
        if (width > charsOf) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
                extra = Arrays.copyOf(extra, size * 2);
            }
            at[size] = chars;
            extra[size] = (size == 0 ? foldedExtra : extra[size - 1]) + width - charsOf;
            size++;
        }
        chars += charsOf;
    }

    /** The byte offset (from the stream's start) of character {@code charOffset}; forgets what lies before it. */
    long byteOffset(long charOffset) {
        int kept = 0;
        while (kept < size && at[kept] < charOffset) {
            kept++;
        }
        long extraBefore = kept == 0 ? foldedExtra : extra[kept - 1];
        // Fold what lies before charOffset: later questions ask about later characters.
        if (kept > 0) {
            foldedExtra = extra[kept - 1];
            System.arraycopy(at, kept, at, 0, size - kept);
            System.arraycopy(extra, kept, extra, 0, size - kept);
            size -= kept;
        }
        return charOffset + extraBefore;
    }
}
