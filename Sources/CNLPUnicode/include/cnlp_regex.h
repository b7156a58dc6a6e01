// ICU regular expressions over UTF-8, for the Split pre-tokenizer and user patterns.
// Plain C types only (see cnlp_unicode.h for why). Match positions are UTF-8 byte offsets.
#ifndef CNLP_REGEX_H
#define CNLP_REGEX_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cnlp_regex cnlp_regex;

enum { CNLP_REGEX_LITERAL = 1, CNLP_REGEX_CASE_INSENSITIVE = 2 };

/// Compiles a UTF-8 pattern. On failure returns NULL with *status > 0 and *errorOffset the
/// pattern offset ICU complained about (-1 if unknown).
cnlp_regex *cnlp_regex_open(const uint8_t *pattern, int32_t length, int32_t flags,
                            int32_t *status, int32_t *errorOffset);
/// A matcher sharing the compiled pattern, for another thread (a matcher is not thread-safe).
cnlp_regex *cnlp_regex_clone(const cnlp_regex *regex, int32_t *status);
/// Points the matcher at `text` (kept by pointer: it must outlive the matching).
void cnlp_regex_set_text(cnlp_regex *regex, const uint8_t *text, int64_t length, int32_t *status);
/// Finds the next match: 1 with [*start, *end) in bytes, or 0 when there is none.
int32_t cnlp_regex_next(cnlp_regex *regex, int64_t *start, int64_t *end, int32_t *status);
void cnlp_regex_close(cnlp_regex *regex);
/// ICU's name for a status code, e.g. "U_REGEX_RULE_SYNTAX".
const char *cnlp_error_name(int32_t status);

#ifdef __cplusplus
}
#endif
#endif
