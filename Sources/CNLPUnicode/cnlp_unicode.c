#include "cnlp_unicode.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <utf8proc.h>

static const UNormalizer2 *normalizer(int32_t form, UErrorCode *status) {
    switch (form) {
    case CNLP_NFC: return unorm2_getNFCInstance(status);
    case CNLP_NFD: return unorm2_getNFDInstance(status);
    case CNLP_NFKC: return unorm2_getNFKCInstance(status);
    case CNLP_NFKD: return unorm2_getNFKDInstance(status);
    case CNLP_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
}

int32_t cnlp_normalize(int32_t form, const uint16_t *src, int32_t length, uint16_t *dest,
                       int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &err);
    int32_t out = U_SUCCESS(err) ? unorm2_normalize(n, src, length, dest, capacity, &err) : 0;
    *status = err;
    return out;
}

int32_t cnlp_is_normalized(int32_t form, const uint16_t *src, int32_t length, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &err);
    UBool yes = U_SUCCESS(err) ? unorm2_isNormalized(n, src, length, &err) : 0;
    *status = err;
    return yes ? 1 : 0;
}

int32_t cnlp_has_boundary_before(int32_t form, int32_t codepoint) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &err);
    return U_SUCCESS(err) && unorm2_hasBoundaryBefore(n, codepoint) ? 1 : 0;
}

int32_t cnlp_quick_check_cp(int32_t form, int32_t codepoint) {
    UProperty property;
    switch (form) {
    case CNLP_NFC: property = UCHAR_NFC_QUICK_CHECK; break;
    case CNLP_NFD: property = UCHAR_NFD_QUICK_CHECK; break;
    case CNLP_NFKC: property = UCHAR_NFKC_QUICK_CHECK; break;
    case CNLP_NFKD: property = UCHAR_NFKD_QUICK_CHECK; break;
    default: return 2; // no quick-check property: always "maybe"
    }
    int32_t qc = u_getIntPropertyValue(codepoint, property);
    return (qc & 3) | ((int32_t)u_getCombiningClass(codepoint) << 8);
}

int32_t cnlp_combining_class(int32_t codepoint) { return (int32_t)u_getCombiningClass(codepoint); }

int32_t cnlp_fold_case(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                       int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t out = u_strFoldCase(dest, capacity, src, length, U_FOLD_CASE_DEFAULT, &err);
    *status = err;
    return out;
}

int32_t cnlp_to_lower(const char *locale, const uint16_t *src, int32_t length, uint16_t *dest,
                      int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t out = u_strToLower(dest, capacity, src, length, locale ? locale : "", &err);
    *status = err;
    return out;
}

int32_t cnlp_to_upper(const char *locale, const uint16_t *src, int32_t length, uint16_t *dest,
                      int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t out = u_strToUpper(dest, capacity, src, length, locale ? locale : "", &err);
    *status = err;
    return out;
}

cnlp_translit *cnlp_translit_open(const uint16_t *id, int32_t idLength, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU(id, idLength, UTRANS_FORWARD, NULL, 0, NULL, &err);
    *status = err;
    return (cnlp_translit *)t;
}

int32_t cnlp_translit_apply(cnlp_translit *t, uint16_t *buffer, int32_t *length, int32_t capacity,
                            int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t limit = *length;
    utrans_transUChars((UTransliterator *)t, buffer, length, capacity, 0, &limit, &err);
    *status = err;
    return *length;
}

void cnlp_translit_close(cnlp_translit *t) { utrans_close((UTransliterator *)t); }

cnlp_break *cnlp_break_open(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                            int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *b = ubrk_open((UBreakIteratorType)kind, locale ? locale : "", text, length, &err);
    *status = err;
    return (cnlp_break *)b;
}

void cnlp_break_set_text(cnlp_break *b, const uint16_t *text, int32_t length, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText((UBreakIterator *)b, text, length, &err);
    *status = err;
}

int32_t cnlp_break_next(cnlp_break *b) {
    int32_t next = ubrk_next((UBreakIterator *)b);
    return next == UBRK_DONE ? -1 : next;
}

int32_t cnlp_break_rule_status(cnlp_break *b) { return ubrk_getRuleStatus((UBreakIterator *)b); }

void cnlp_break_close(cnlp_break *b) { ubrk_close((UBreakIterator *)b); }

void cnlp_icu_unicode_version(char *dest, int32_t capacity) {
    UVersionInfo v;
    u_getUnicodeVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    strncpy(dest, buf, (size_t)capacity);
    if (capacity > 0) dest[capacity - 1] = 0;
}

int32_t cnlp_category(int32_t codepoint) { return (int32_t)utf8proc_category(codepoint); }
int32_t cnlp_to_lower_cp(int32_t codepoint) { return utf8proc_tolower(codepoint); }
int32_t cnlp_to_upper_cp(int32_t codepoint) { return utf8proc_toupper(codepoint); }

int32_t cnlp_decompose(int32_t codepoint, int32_t compat, int32_t *dest, int32_t capacity) {
    int last = 0;
    utf8proc_option_t options = UTF8PROC_DECOMPOSE | (compat ? UTF8PROC_COMPAT : 0);
    return (int32_t)utf8proc_decompose_char(codepoint, dest, capacity, options, &last);
}

int32_t cnlp_grapheme_break(int32_t cp1, int32_t cp2, int32_t *state) {
    return utf8proc_grapheme_break_stateful(cp1, cp2, state) ? 1 : 0;
}

int64_t cnlp_utf8_map(const uint8_t *src, int64_t length, int32_t options, uint8_t **dest) {
    int flags = 0;
    if (options & CNLP_MAP_NFC) flags |= UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (options & CNLP_MAP_NFD) flags |= UTF8PROC_STABLE | UTF8PROC_DECOMPOSE;
    if (options & CNLP_MAP_NFKC) flags |= UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
    if (options & CNLP_MAP_NFKD) flags |= UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
    if (options & CNLP_MAP_CASEFOLD) flags |= UTF8PROC_CASEFOLD;
    if (options & CNLP_MAP_STRIPMARK) flags |= UTF8PROC_STRIPMARK;
    if ((options & CNLP_MAP_STRIPMARK) && !(flags & (UTF8PROC_COMPOSE | UTF8PROC_DECOMPOSE)))
        flags |= UTF8PROC_COMPOSE; // utf8proc requires one of them with STRIPMARK
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map(src, (utf8proc_ssize_t)length, &out, (utf8proc_option_t)flags);
    *dest = out;
    return (int64_t)n;
}

void cnlp_free(void *pointer) { free(pointer); }
const char *cnlp_utf8proc_version(void) { return utf8proc_version(); }
