// A small C face over the system ICU (Debian's libicu-dev).
//
// Swift cannot import ICU's own headers next to Foundation: ICU's symbols carry a version
// suffix (ubrk_open_72) and its C types clash with Foundation's private _FoundationICU module.
// This header therefore uses only <stdint.h> types and opaque handles; cicu.c includes ICU.
// All text crosses this boundary as UTF-8, and every offset is a byte offset into it.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What a boundary iterator splits text into.
enum {
    CICU_BREAK_WORD = 0,
    CICU_BREAK_SENTENCE = 1
};

/// The rule status ICU gives the segment that ends at a word boundary.
enum {
    CICU_WORD_NONE = 0,        // spaces and punctuation
    CICU_WORD_NUMBER = 1,
    CICU_WORD_LETTER = 2,
    CICU_WORD_KANA = 3,
    CICU_WORD_IDEOGRAPHIC = 4
};

typedef struct cicu_breaker cicu_breaker;

/// Opens a word or sentence iterator for a locale ("en", "de", "th", ...; "" for the root rules).
/// Returns NULL and sets *error to the ICU error code on failure.
cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale, int32_t *error);
void cicu_breaker_close(cicu_breaker *breaker);

/// Points the iterator at UTF-8 text. ICU runs over a UTF-16 copy kept in the breaker (or, for
/// bytes that are not UTF-8, over the UTF-8 itself, which must then outlive its use); boundaries
/// are byte offsets into the UTF-8 either way.
int32_t cicu_breaker_set_text(cicu_breaker *breaker, const uint8_t *utf8, int64_t length);

/// Writes up to `capacity` further boundaries (byte offsets) and, when `statuses` is not NULL and
/// the iterator splits words, the status of the segment each one closes (CICU_WORD_*); asking for
/// statuses costs about a quarter of the speed. Returns how many; 0 at the end.
int32_t cicu_breaker_next(cicu_breaker *breaker, int64_t *ends, int32_t *statuses, int32_t capacity);

/// Normalization forms.
enum { CICU_NFC = 0, CICU_NFKC = 1 };

/// 1 when the UTF-8 text is already in the form, 0 when not, negative on error.
int32_t cicu_is_normalized(int32_t form, const uint8_t *utf8, int32_t length);

/// Case operations.
enum { CICU_LOWER = 0, CICU_UPPER = 1, CICU_FOLD = 2, CICU_TITLE = 3 };

/// Normalizes (CICU_NFC / CICU_NFKC) or case-maps (CICU_LOWER ... with a locale) UTF-8 text into
/// `out`. Returns the byte length of the result; when it exceeds `capacity`, nothing usable is
/// written and the caller retries with that capacity. Negative on error.
int32_t cicu_normalize(int32_t form, const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity);
int32_t cicu_case(int32_t operation, const char *locale, const uint8_t *utf8, int32_t length,
                  uint8_t *out, int32_t capacity);

/// Full case folding (locale-independent) with a shared map: the fast path for matching keys.
int32_t cicu_fold(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity);

typedef struct cicu_regex cicu_regex;

/// Compiles an ICU regular expression (UTF-8 pattern). `case_insensitive` sets
/// UREGEX_CASE_INSENSITIVE. On failure returns NULL, sets *error and *error_offset (the pattern
/// byte where compilation stopped, or -1).
cicu_regex *cicu_regex_open(const uint8_t *pattern, int32_t length, int32_t case_insensitive, int32_t *error,
                            int32_t *error_offset);
void cicu_regex_close(cicu_regex *regex);

/// How many capture groups the pattern has.
int32_t cicu_regex_group_count(cicu_regex *regex);

/// The number of a named group, or -1.
int32_t cicu_regex_group_number(cicu_regex *regex, const char *name);

/// A match that hit a limit returns this: the pattern backtracked too long for that text.
enum { CICU_REGEX_LIMIT = -2 };

/// The limits every compiled pattern gets: about 2 ms of matching per line, and a backtracking
/// stack of 1 MB.
enum { CICU_REGEX_DEFAULT_STEPS = 500000, CICU_REGEX_DEFAULT_STACK = 1 << 20 };

/// Caps the work of one find at `steps` steps of ICU's match engine (rounded up to ICU's unit of
/// 10,000; 0 for none) and its backtracking stack at `stack_bytes` (0 for none).
void cicu_regex_set_limits(cicu_regex *regex, int32_t steps, int32_t stack_bytes);

/// Finds the first match in UTF-8 text (not copied). Returns 1 and fills `ranges` with byte
/// offsets [start0, end0, start1, end1, ...] for the whole match and up to `group_capacity`
/// groups (-1, -1 for a group that did not take part); 0 when there is no match;
/// CICU_REGEX_LIMIT when a limit stopped the search; another negative value on error.
int32_t cicu_regex_find(cicu_regex *regex, const uint8_t *utf8, int64_t length, int64_t *ranges, int32_t group_capacity);

/// The ICU version the library was linked against, e.g. "72.1".
const char *cicu_version(void);

/// Fills `scalars[0..<128]` with what bytes 0x80...0xFF read as in the single-byte code page
/// `name` (an ICU converter name, e.g. "windows-1251"); a byte the page leaves undefined reads
/// as its own value. 0 on success, -1 when ICU has no such converter.
int32_t cicu_codepage_high(const char *name, uint32_t *scalars);

typedef struct cicu_date cicu_date;

/// What a parsed date gave: the calendar fields, and which of time and zone the text held.
typedef struct {
    int32_t year, month, day, hour, minute, has_time, has_zone, zone_minutes;
} cicu_date_fields;

/// Opens a strict (not lenient) date parser for one pattern ("MMMM d, yyyy") and locale ("en",
/// "de", "fr"), in the Gregorian calendar and UTC. Returns NULL and sets *error on failure.
cicu_date *cicu_date_open(const char *locale, const uint8_t *pattern, int32_t length, int32_t *error);
void cicu_date_close(cicu_date *date);

/// Parses a date that starts at the first byte of the UTF-8 text (udat_parseCalendar). Returns
/// the bytes the date took and fills *fields; 0 when the text does not start with such a date.
int32_t cicu_date_parse(cicu_date *date, const uint8_t *utf8, int32_t length, cicu_date_fields *fields);

#ifdef __cplusplus
}
#endif

#endif
