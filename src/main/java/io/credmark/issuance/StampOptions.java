package io.credmark.issuance;

import io.credmark.metadata.MetadataOptions;
import io.credmark.pixels.marker.MarkerOptions;

/**
 * How a stamp may change pixels: the visible mark and the invisible watermark. {@link #METADATA_ONLY} changes none.
 *
 * <p>The HTTP {@code options} part and the CLI's {@code --options} give them as JSON, read by {@code
 * http.StampOptionsJson}.
 */
public record StampOptions(MarkerOptions marker, WatermarkMode watermark, MetadataOptions metadata) {

    public static final StampOptions METADATA_ONLY = new StampOptions(MarkerOptions.disabled(), WatermarkMode.OFF);
    /** The service's default: no mark, a watermark wherever the image can carry one. */
    public static final StampOptions SERVICE_DEFAULT = new StampOptions(MarkerOptions.disabled(), WatermarkMode.AUTO);

    public StampOptions(MarkerOptions marker, WatermarkMode watermark) {
        this(marker, watermark, MetadataOptions.DEFAULT);
    }

    public StampOptions(MarkerOptions marker) {
        this(marker, WatermarkMode.OFF);
    }

    /** Whether the stamp may decode and change pixels at all. */
    public boolean changesPixels() {
        return marker.enabled() || watermark != WatermarkMode.OFF;
    }

    public StampOptions withWatermark(WatermarkMode mode) {
        return new StampOptions(marker, mode, metadata);
    }

    public StampOptions withMarker(MarkerOptions newMarker) {
        return new StampOptions(newMarker, watermark, metadata);
    }
}
