#include "cicu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucasemap.h>
#include <unicode/ucnv.h>
#include <unicode/uregex.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

struct cicu_breaker {
    UBreakIterator *iterator;
    UText *text;
    int32_t kind;
    /// The text as UTF-16, when it could be converted: ICU iterates UTF-16 directly, while over
    /// UTF-8 (UText) it converts chunk by chunk and maps every boundary back (a fifth of
    /// sentence breaking's instructions, net of this conversion).
    UChar *wide;
    int32_t wide_capacity;
    int32_t wide_length;
    /// The UTF-8 text and a cursor (UTF-16 offset, byte offset) that maps boundaries back to
    /// byte offsets walking forward only; unused when every byte is ASCII (the offsets agree).
    const uint8_t *utf8;
    int64_t utf8_length;
    int32_t ascii;
    int32_t cursor16;
    int64_t cursor8;
};

cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIteratorType type = kind == CICU_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD;
    UBreakIterator *iterator = ubrk_open(type, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return NULL;
    }
    cicu_breaker *breaker = calloc(1, sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        *error = (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    breaker->kind = kind;
    *error = 0;
    return breaker;
}

void cicu_breaker_close(cicu_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    if (breaker->text != NULL) utext_close(breaker->text);
    free(breaker->wide);
    free(breaker);
}

/// Converts the text to UTF-16 in the breaker's buffer; 0 when it cannot (too long, not valid
/// UTF-8, no memory), and the caller iterates the UTF-8 through a UText instead.
static int32_t set_wide_text(cicu_breaker *breaker, const uint8_t *utf8, int64_t length) {
    if (length >= INT32_MAX / 2) return 0;
    if (breaker->wide_capacity < (int32_t)length + 1) {
        UChar *grown = realloc(breaker->wide, sizeof(UChar) * (size_t)(length + 1));
        if (grown == NULL) return 0;
        breaker->wide = grown;
        breaker->wide_capacity = (int32_t)length + 1;
    }
    UErrorCode status = U_ZERO_ERROR;
    int32_t substitutions = 0;
    u_strFromUTF8WithSub(breaker->wide, breaker->wide_capacity, &breaker->wide_length, (const char *)utf8, (int32_t)length,
        0xFFFD, &substitutions, &status);
    // A substitution would break the offset mapping.
    if (U_FAILURE(status) || substitutions > 0) return 0;
    ubrk_setText(breaker->iterator, breaker->wide, breaker->wide_length, &status);
    if (U_FAILURE(status)) return 0;
    breaker->utf8 = utf8;
    breaker->utf8_length = length;
    breaker->ascii = breaker->wide_length == length;
    breaker->cursor16 = 0;
    breaker->cursor8 = 0;
    return 1;
}

int32_t cicu_breaker_set_text(cicu_breaker *breaker, const uint8_t *utf8, int64_t length) {
    UErrorCode status = U_ZERO_ERROR;
    static const char empty[1] = {0};
    if (length > 0 && set_wide_text(breaker, utf8, length)) {
        ubrk_first(breaker->iterator);
        return 0;
    }
    breaker->utf8 = NULL;
    // utext_openUTF8 reuses the UText it is given, so one allocation serves every document.
    breaker->text = utext_openUTF8(breaker->text, length > 0 ? (const char *)utf8 : empty, length, &status);
    if (U_FAILURE(status)) return (int32_t)status;
    ubrk_setUText(breaker->iterator, breaker->text, &status);
    if (U_FAILURE(status)) return (int32_t)status;
    ubrk_first(breaker->iterator);
    return 0;
}

/// The byte offset of UTF-16 offset `target` (a boundary, so never inside a scalar), moving the
/// cursor forward: a lead byte below 0xF0 starts one UTF-16 unit, 0xF0 and above two.
static int64_t byte_offset(cicu_breaker *breaker, int32_t target) {
    if (breaker->ascii) return target;
    const uint8_t *bytes = breaker->utf8;
    while (breaker->cursor16 < target && breaker->cursor8 < breaker->utf8_length) {
        uint8_t lead = bytes[breaker->cursor8];
        int64_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        breaker->cursor8 += length;
        breaker->cursor16 += length == 4 ? 2 : 1;
    }
    return breaker->cursor8;
}

static int32_t word_status(int32_t rule) {
    if (rule >= UBRK_WORD_IDEO) return CICU_WORD_IDEOGRAPHIC;
    if (rule >= UBRK_WORD_KANA) return CICU_WORD_KANA;
    if (rule >= UBRK_WORD_LETTER) return CICU_WORD_LETTER;
    if (rule >= UBRK_WORD_NUMBER) return CICU_WORD_NUMBER;
    return CICU_WORD_NONE;
}

int32_t cicu_breaker_next(cicu_breaker *breaker, int64_t *ends, int32_t *statuses, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t end = ubrk_next(breaker->iterator);
        if (end == UBRK_DONE) break;
        ends[count] = breaker->utf8 != NULL ? byte_offset(breaker, end) : end;
        if (statuses != NULL) {
            statuses[count] = breaker->kind == CICU_BREAK_WORD ? word_status(ubrk_getRuleStatus(breaker->iterator)) : 0;
        }
        count++;
    }
    return count;
}

static const UNormalizer2 *normalizer(int32_t form, UErrorCode *status) {
    return form == CICU_NFKC ? unorm2_getNFKCInstance(status) : unorm2_getNFCInstance(status);
}

/// UTF-8 to a malloc'ed UTF-16 buffer; NULL on failure.
static UChar *to_utf16(const uint8_t *utf8, int32_t length, int32_t *out_length) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strFromUTF8(NULL, 0, &needed, (const char *)utf8, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return NULL;
    UChar *buffer = malloc(sizeof(UChar) * (size_t)(needed + 1));
    if (buffer == NULL) return NULL;
    status = U_ZERO_ERROR;
    u_strFromUTF8(buffer, needed + 1, out_length, (const char *)utf8, length, &status);
    if (U_FAILURE(status)) {
        free(buffer);
        return NULL;
    }
    return buffer;
}

int32_t cicu_is_normalized(int32_t form, const uint8_t *utf8, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *norm = normalizer(form, &status);
    if (U_FAILURE(status)) return -1;
    int32_t wide_length = 0;
    UChar *wide = to_utf16(utf8, length, &wide_length);
    if (wide == NULL) return -1;
    UBool result = unorm2_isNormalized(norm, wide, wide_length, &status);
    free(wide);
    return U_FAILURE(status) ? -1 : (result ? 1 : 0);
}

int32_t cicu_normalize(int32_t form, const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *norm = normalizer(form, &status);
    if (U_FAILURE(status)) return -1;
    int32_t wide_length = 0;
    UChar *wide = to_utf16(utf8, length, &wide_length);
    if (wide == NULL) return -1;
    int32_t normal_capacity = wide_length * 3 + 16;
    UChar *normal = malloc(sizeof(UChar) * (size_t)normal_capacity);
    if (normal == NULL) {
        free(wide);
        return -1;
    }
    int32_t normal_length = unorm2_normalize(norm, wide, wide_length, normal, normal_capacity, &status);
    free(wide);
    if (U_FAILURE(status)) {
        free(normal);
        return -1;
    }
    int32_t result_length = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8((char *)out, capacity, &result_length, normal, normal_length, &status);
    free(normal);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return result_length;
    return U_FAILURE(status) ? -1 : result_length;
}

/// Case folding needs no locale, so one map serves every call: ICU's UTF-8 case functions take
/// the map as const and may share it between threads.
static UCaseMap *fold_map;
static pthread_once_t fold_map_once = PTHREAD_ONCE_INIT;

static void open_fold_map(void) {
    UErrorCode status = U_ZERO_ERROR;
    fold_map = ucasemap_open("", U_FOLD_CASE_DEFAULT, &status);
    if (U_FAILURE(status)) fold_map = NULL;
}

int32_t cicu_fold(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity) {
    pthread_once(&fold_map_once, open_fold_map);
    if (fold_map == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t result = ucasemap_utf8FoldCase(fold_map, (char *)out, capacity, (const char *)utf8, length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return result;
    return U_FAILURE(status) ? -1 : result;
}

int32_t cicu_case(int32_t operation, const char *locale, const uint8_t *utf8, int32_t length,
                  uint8_t *out, int32_t capacity) {
    if (operation == CICU_FOLD) return cicu_fold(utf8, length, out, capacity);
    UErrorCode status = U_ZERO_ERROR;
    UCaseMap *map = ucasemap_open(locale, operation == CICU_FOLD ? U_FOLD_CASE_DEFAULT : 0, &status);
    if (U_FAILURE(status)) return -1;
    int32_t result = 0;
    const char *in = (const char *)utf8;
    char *dest = (char *)out;
    switch (operation) {
    case CICU_LOWER: result = ucasemap_utf8ToLower(map, dest, capacity, in, length, &status); break;
    case CICU_UPPER: result = ucasemap_utf8ToUpper(map, dest, capacity, in, length, &status); break;
    case CICU_TITLE: result = ucasemap_utf8ToTitle(map, dest, capacity, in, length, &status); break;
    default: result = ucasemap_utf8FoldCase(map, dest, capacity, in, length, &status); break;
    }
    ucasemap_close(map);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return result;
    return U_FAILURE(status) ? -1 : result;
}

struct cicu_regex {
    URegularExpression *expression;
    UText *text;
};

cicu_regex *cicu_regex_open(const uint8_t *pattern, int32_t length, int32_t case_insensitive, int32_t *error,
                            int32_t *error_offset) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    UText *source = utext_openUTF8(NULL, (const char *)pattern, length, &status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        *error_offset = -1;
        return NULL;
    }
    URegularExpression *expression =
        uregex_openUText(source, case_insensitive ? UREGEX_CASE_INSENSITIVE : 0, &parse, &status);
    utext_close(source);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        // ICU reports the place as line and column in UTF-16 units of the pattern; the column is
        // close enough for a message.
        *error_offset = parse.offset >= 0 ? parse.offset : -1;
        return NULL;
    }
    cicu_regex *regex = calloc(1, sizeof *regex);
    if (regex == NULL) {
        uregex_close(expression);
        *error = (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    regex->expression = expression;
    cicu_regex_set_limits(regex, CICU_REGEX_DEFAULT_STEPS, CICU_REGEX_DEFAULT_STACK);
    *error = 0;
    return regex;
}

void cicu_regex_close(cicu_regex *regex) {
    if (regex == NULL) return;
    uregex_close(regex->expression);
    if (regex->text != NULL) utext_close(regex->text);
    free(regex);
}

int32_t cicu_regex_group_count(cicu_regex *regex) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t count = uregex_groupCount(regex->expression, &status);
    return U_FAILURE(status) ? -1 : count;
}

int32_t cicu_regex_group_number(cicu_regex *regex, const char *name) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t number = uregex_groupNumberFromCName(regex->expression, name, -1, &status);
    return U_FAILURE(status) ? -1 : number;
}

void cicu_regex_set_limits(cicu_regex *regex, int32_t steps, int32_t stack_bytes) {
    UErrorCode status = U_ZERO_ERROR;
    // ICU counts time in units of 10,000 steps of its match engine: deterministic, unlike a clock.
    uregex_setTimeLimit(regex->expression, steps <= 0 ? 0 : (steps + 9999) / 10000, &status);
    status = U_ZERO_ERROR;
    uregex_setStackLimit(regex->expression, stack_bytes, &status);
}

int32_t cicu_regex_find(cicu_regex *regex, const uint8_t *utf8, int64_t length, int64_t *ranges, int32_t group_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    static const char empty[1] = {0};
    regex->text = utext_openUTF8(regex->text, length > 0 ? (const char *)utf8 : empty, length, &status);
    if (U_FAILURE(status)) return (int32_t)status < 0 ? (int32_t)status : -1;
    uregex_setUText(regex->expression, regex->text, &status);
    if (U_FAILURE(status)) return -1;
    UBool found = uregex_findNext(regex->expression, &status);
    if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) return CICU_REGEX_LIMIT;
    if (U_FAILURE(status)) return -1;
    if (!found) return 0;
    int32_t groups = uregex_groupCount(regex->expression, &status);
    for (int32_t group = 0; group <= group_capacity; group++) {
        if (group > groups) {
            ranges[2 * group] = -1;
            ranges[2 * group + 1] = -1;
            continue;
        }
        ranges[2 * group] = uregex_start64(regex->expression, group, &status);
        ranges[2 * group + 1] = uregex_end64(regex->expression, group, &status);
    }
    return U_FAILURE(status) ? -1 : 1;
}

const char *cicu_version(void) {
    static char text[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, text);
    return text;
}

int32_t cicu_codepage_high(const char *name, uint32_t *scalars) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status)) return -1;
    // Stop at an undefined byte instead of reading it as U+FFFD or U+001A.
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    for (int32_t byte = 0x80; byte <= 0xFF; byte++) {
        char input = (char)byte;
        UChar output[2];
        UErrorCode read = U_ZERO_ERROR;
        ucnv_reset(converter);
        int32_t count = ucnv_toUChars(converter, output, 2, &input, 1, &read);
        scalars[byte - 0x80] = (U_FAILURE(read) || count != 1) ? (uint32_t)byte : output[0];
    }
    ucnv_close(converter);
    return U_FAILURE(status) ? -1 : 0;
}
