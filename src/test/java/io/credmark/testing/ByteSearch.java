package io.credmark.testing;

/** Finding a run of bytes in a file, for tests that check what a file does or does not carry. */
public final class ByteSearch {

    private ByteSearch() {
    }

    /** Where {@code needle} first starts in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static boolean contains(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle) >= 0;
    }
}
