package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StreamSettingsTest {
    @Test
    void defaultsToTheLargestWindowAndNoDictionary() {
        StreamSettings settings = StreamSettings.of(3, 1000);
        assertEquals(23, settings.windowLog());
        assertNull(settings.dictionary());
        assertEquals(3, settings.level());
        assertEquals(1000, settings.maxMessageSize());
        assertEquals(10, settings.withWindowLog(10).windowLog());
    }

    @Test
    void refusesAWindowOutsideTenToTwentyThree() {
        StreamSettings settings = StreamSettings.of(3, 1000);
        assertThrows(IllegalArgumentException.class, () -> settings.withWindowLog(9));
        assertThrows(IllegalArgumentException.class, () -> settings.withWindowLog(24));
    }

    @Test
    void refusesAMessageSizeThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> StreamSettings.of(3, 0));
        assertThrows(IllegalArgumentException.class, () -> StreamSettings.of(3, -1));
    }
}
