package io.harmony4.service;

/** No dictionary directory is configured ({@code harmony4.dictionaries.dir}): the service keeps no dictionaries. */
public final class DictionariesNotConfiguredException extends RuntimeException {
    DictionariesNotConfiguredException() {
        super("no dictionary directory is configured: set harmony4.dictionaries.dir (HARMONY4_DICTIONARIES_DIR) to "
                + "keep and use dictionaries; messages without a dictionary work without it");
    }
}
