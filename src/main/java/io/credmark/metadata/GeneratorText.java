package io.credmark.metadata;

/**
 * One block of text a generator front end left in the file.
 *
 * @param source  where it was, named for people: {@code PNG tEXt "parameters"}, {@code EXIF UserComment}
 * @param keyword the PNG keyword, or {@code UserComment} / {@code Comment} for JPEG
 * @param text    the text, decoded
 */
public record GeneratorText(String source, String keyword, String text) {
}
