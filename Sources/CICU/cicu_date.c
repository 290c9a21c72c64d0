// Date parsing for the strip stage's metadata: ICU's SimpleDateFormat over one pattern at a
// time, so that each format and language a page may use is a pattern, not a hand-made parser.
#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

struct cicu_date {
    UDateFormat *format;
    UCalendar *calendar;
    int32_t has_time;
    int32_t has_zone;
};

/// Whether the pattern has one of the letters outside quoted literals.
static int32_t pattern_has(const UChar *pattern, int32_t length, const char *letters) {
    int32_t quoted = 0;
    for (int32_t index = 0; index < length; index++) {
        if (pattern[index] == '\'') quoted = !quoted;
        else if (!quoted && pattern[index] < 128 && strchr(letters, (char)pattern[index]) != NULL) return 1;
    }
    return 0;
}

cicu_date *cicu_date_open(const char *locale, const uint8_t *pattern, int32_t length, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UChar wide[128];
    int32_t wide_length = 0;
    u_strFromUTF8(wide, 128, &wide_length, (const char *)pattern, length, &status);
    if (U_FAILURE(status) || wide_length >= 128) {
        *error = U_FAILURE(status) ? (int32_t)status : (int32_t)U_BUFFER_OVERFLOW_ERROR;
        return NULL;
    }
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UDateFormat *format = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, utc, -1, wide, wide_length, &status);
    UCalendar *calendar = ucal_open(utc, -1, locale, UCAL_GREGORIAN, &status);
    cicu_date *date = U_SUCCESS(status) ? calloc(1, sizeof *date) : NULL;
    if (date == NULL) {
        if (format != NULL) udat_close(format);
        if (calendar != NULL) ucal_close(calendar);
        *error = U_FAILURE(status) ? (int32_t)status : (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    // Strict fields (no 13th month, no 32nd day), but spaces and dots between them may vary
    // ("Mar. 3,  2025").
    udat_setLenient(format, 0);
    udat_setBooleanAttribute(format, UDAT_PARSE_ALLOW_WHITESPACE, 1, &status);
    ucal_setAttribute(calendar, UCAL_LENIENT, 0);
    date->format = format;
    date->calendar = calendar;
    date->has_time = pattern_has(wide, wide_length, "hHkKm");
    date->has_zone = pattern_has(wide, wide_length, "zZvVxXO");
    *error = 0;
    return date;
}

void cicu_date_close(cicu_date *date) {
    if (date == NULL) return;
    udat_close(date->format);
    ucal_close(date->calendar);
    free(date);
}

int32_t cicu_date_parse(cicu_date *date, const uint8_t *utf8, int32_t length, cicu_date_fields *fields) {
    UErrorCode status = U_ZERO_ERROR;
    UChar wide[256];
    int32_t wide_length = 0;
    if (length > 200) length = 200;
    u_strFromUTF8Lenient(wide, 256, &wide_length, (const char *)utf8, length, &status);
    if (U_FAILURE(status) || wide_length == 0) return 0;
    ucal_clear(date->calendar);
    int32_t position = 0;
    udat_parseCalendar(date->format, date->calendar, wide, wide_length, &position, &status);
    if (U_FAILURE(status) || position <= 0) return 0;
    fields->year = ucal_get(date->calendar, UCAL_YEAR, &status);
    fields->month = ucal_get(date->calendar, UCAL_MONTH, &status) + 1;
    fields->day = ucal_get(date->calendar, UCAL_DATE, &status);
    fields->hour = ucal_get(date->calendar, UCAL_HOUR_OF_DAY, &status);
    fields->minute = ucal_get(date->calendar, UCAL_MINUTE, &status);
    int32_t offset = ucal_get(date->calendar, UCAL_ZONE_OFFSET, &status) + ucal_get(date->calendar, UCAL_DST_OFFSET, &status);
    fields->zone_minutes = offset / 60000;
    fields->has_time = date->has_time;
    fields->has_zone = date->has_zone;
    if (U_FAILURE(status)) return 0;
    // Back from UTF-16 units to UTF-8 bytes.
    int32_t bytes = 0;
    u_strToUTF8(NULL, 0, &bytes, wide, position, &status);
    return bytes;
}
