package io.harmony4.engine;

import java.util.OptionalLong;

/**
 * What a zstd frame's header declares (RFC 8878 section 3.1.1.1), read by the core without decoding the frame
 * ({@code h4_frame_info}): so that a caller can refuse a frame before it sets memory aside for it, and say which field
 * a frame lacks.
 *
 * @param contentSize the declared content size; empty when the header declares none. A size above
 *     {@link Long#MAX_VALUE} reads as {@link Long#MAX_VALUE}: as impossible as any other too large
 * @param dictId the dictID the header names, 0 for none
 * @param checksum whether a content checksum follows the frame's last block
 */
public record FrameHeader(OptionalLong contentSize, long dictId, boolean checksum) {}
