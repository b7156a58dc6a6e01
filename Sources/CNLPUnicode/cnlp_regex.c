// ICU regex matching straight on UTF-8 through UText, so offsets are byte offsets and the text
// is never copied to UTF-16.
#include "cnlp_regex.h"

#include <stdlib.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

struct cnlp_regex {
    URegularExpression *regex;
    UText *text;
};

cnlp_regex *cnlp_regex_open(const uint8_t *pattern, int32_t length, int32_t flags,
                            int32_t *status, int32_t *errorOffset) {
    UErrorCode err = U_ZERO_ERROR;
    UParseError parse = {0};
    *errorOffset = -1;
    UText *pat = utext_openUTF8(NULL, (const char *)pattern, length, &err);
    uint32_t options = 0;
    if (flags & CNLP_REGEX_LITERAL) options |= UREGEX_LITERAL;
    if (flags & CNLP_REGEX_CASE_INSENSITIVE) options |= UREGEX_CASE_INSENSITIVE;
    URegularExpression *re = U_SUCCESS(err) ? uregex_openUText(pat, options, &parse, &err) : NULL;
    utext_close(pat);
    if (U_FAILURE(err)) {
        *status = err;
        *errorOffset = parse.offset;
        if (re) uregex_close(re);
        return NULL;
    }
    cnlp_regex *r = calloc(1, sizeof(cnlp_regex));
    r->regex = re;
    *status = 0;
    return r;
}

cnlp_regex *cnlp_regex_clone(const cnlp_regex *regex, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    URegularExpression *re = uregex_clone(regex->regex, &err);
    *status = err;
    if (U_FAILURE(err)) return NULL;
    cnlp_regex *r = calloc(1, sizeof(cnlp_regex));
    r->regex = re;
    return r;
}

void cnlp_regex_set_text(cnlp_regex *regex, const uint8_t *text, int64_t length, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    static const char empty[1] = {0};
    regex->text = utext_openUTF8(regex->text, length > 0 ? (const char *)text : empty, length, &err);
    if (U_SUCCESS(err)) uregex_setUText(regex->regex, regex->text, &err);
    *status = err;
}

int32_t cnlp_regex_next(cnlp_regex *regex, int64_t *start, int64_t *end, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    if (!uregex_findNext(regex->regex, &err) || U_FAILURE(err)) {
        *status = err;
        return 0;
    }
    *start = uregex_start64(regex->regex, 0, &err);
    *end = uregex_end64(regex->regex, 0, &err);
    *status = err;
    return U_SUCCESS(err) ? 1 : 0;
}

void cnlp_regex_close(cnlp_regex *regex) {
    if (!regex) return;
    uregex_close(regex->regex);
    if (regex->text) utext_close(regex->text);
    free(regex);
}

const char *cnlp_error_name(int32_t status) { return u_errorName((UErrorCode)status); }
