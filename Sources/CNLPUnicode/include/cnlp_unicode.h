// The project's only window onto ICU and utf8proc.
//
// Why a shim: Foundation on Linux bundles its own ICU (_FoundationICU); a Swift module that sees
// both that and the system's <unicode/*.h> does not compile. This header therefore exposes only
// plain C types and functions with their own names; the ICU/utf8proc headers stay in the .c file.
//
// UTF-16 buffers are `uint16_t` (ICU's UChar). Status codes are ICU's UErrorCode values
// (0 = success, > 0 = failure, 15 = buffer overflow: call again with the returned length).
#ifndef CNLP_UNICODE_H
#define CNLP_UNICODE_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: ICU: normalisation, case mapping, transliteration

enum { CNLP_NFC = 0, CNLP_NFD = 1, CNLP_NFKC = 2, CNLP_NFKD = 3, CNLP_NFKC_CASEFOLD = 4 };

/// Normalises `src` into `dest`; returns the full length needed (may exceed `capacity`).
int32_t cnlp_normalize(int32_t form, const uint16_t *src, int32_t length,
                       uint16_t *dest, int32_t capacity, int32_t *status);
/// 1 when `src` is already in `form` (a quick check; lets callers skip work on clean text).
int32_t cnlp_is_normalized(int32_t form, const uint16_t *src, int32_t length, int32_t *status);
/// 1 when normalisation to `form` never combines `codepoint` with what precedes it, so text can be
/// normalised piecewise between such boundaries (used to keep offsets through normalisation).
int32_t cnlp_has_boundary_before(int32_t form, int32_t codepoint);
/// Per-code-point normalisation quick check for `form` (CNLP_NFC...CNLP_NFKD), packed for one call
/// per scalar: bits 0-1 are the NF*_Quick_Check value (0 no, 1 yes, 2 maybe), bits 8-15 the
/// canonical combining class. Lets a UTF-8 scan prove text normal without a UTF-16 copy (UAX #15 §9).
int32_t cnlp_quick_check_cp(int32_t form, int32_t codepoint);
/// Canonical combining class (0 for starters).
int32_t cnlp_combining_class(int32_t codepoint);
/// Full Unicode case folding (CaseFolding.txt C+F).
int32_t cnlp_fold_case(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                       int32_t *status);
/// Locale-aware lower/upper casing ("tr" dots its i's; NULL or "" is the root locale).
int32_t cnlp_to_lower(const char *locale, const uint16_t *src, int32_t length, uint16_t *dest,
                      int32_t capacity, int32_t *status);
int32_t cnlp_to_upper(const char *locale, const uint16_t *src, int32_t length, uint16_t *dest,
                      int32_t capacity, int32_t *status);

typedef struct cnlp_translit cnlp_translit;
/// Opens an ICU transliterator by id, e.g. "Any-Latin; Latin-ASCII". Close with cnlp_translit_close.
cnlp_translit *cnlp_translit_open(const uint16_t *id, int32_t idLength, int32_t *status);
/// Transliterates `buffer` in place; `*length` is updated; returns the needed length.
int32_t cnlp_translit_apply(cnlp_translit *t, uint16_t *buffer, int32_t *length, int32_t capacity,
                            int32_t *status);
void cnlp_translit_close(cnlp_translit *t);

// MARK: ICU: break iteration (words, sentences, graphemes, lines)

enum { CNLP_BREAK_CHARACTER = 0, CNLP_BREAK_WORD = 1, CNLP_BREAK_LINE = 2, CNLP_BREAK_SENTENCE = 3 };
/// Rule-status ranges for word breaks (ICU's UWordBreak): a segment whose status is in
/// [100, 200) is a number, [200, 300) letters, [300, 400) kana, [400, 500) ideographs;
/// below 100 it is space, punctuation or symbols.
enum { CNLP_WORD_NONE = 0, CNLP_WORD_NUMBER = 100, CNLP_WORD_LETTER = 200, CNLP_WORD_KANA = 300,
       CNLP_WORD_IDEO = 400 };

typedef struct cnlp_break cnlp_break;
/// The iterator keeps a pointer to `text`: it must outlive the iterator.
cnlp_break *cnlp_break_open(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                            int32_t *status);
/// Points the iterator at new text (cheaper than a new iterator: dictionaries stay loaded).
void cnlp_break_set_text(cnlp_break *b, const uint16_t *text, int32_t length, int32_t *status);
/// Next boundary in UTF-16 units, or -1 at the end. The first call returns the first boundary after 0.
int32_t cnlp_break_next(cnlp_break *b);
int32_t cnlp_break_rule_status(cnlp_break *b);
void cnlp_break_close(cnlp_break *b);

/// The Unicode version ICU implements, e.g. "15.0".
void cnlp_icu_unicode_version(char *dest, int32_t capacity);

// MARK: utf8proc: per-code-point properties for tokenizer hot paths (no UTF-16 round trip)

/// General category as utf8proc_category_t: 0 Cn, 1 Lu, 2 Ll, 3 Lt, 4 Lm, 5 Lo, 6 Mn, 7 Mc, 8 Me,
/// 9 Nd, 10 Nl, 11 No, 12 Pc, 13 Pd, 14 Ps, 15 Pe, 16 Pi, 17 Pf, 18 Po, 19 Sm, 20 Sc, 21 Sk,
/// 22 So, 23 Zs, 24 Zl, 25 Zp, 26 Cc, 27 Cf, 28 Cs, 29 Co.
int32_t cnlp_category(int32_t codepoint);
int32_t cnlp_to_lower_cp(int32_t codepoint);
int32_t cnlp_to_upper_cp(int32_t codepoint);
/// Canonical (or, with `compat` != 0, compatibility) decomposition of one code point into `dest`;
/// returns the number of code points written, or needed when > capacity, or < 0 on error.
int32_t cnlp_decompose(int32_t codepoint, int32_t compat, int32_t *dest, int32_t capacity);
/// 1 when a grapheme boundary lies between cp1 and cp2; `state` carries across calls (start at 0).
int32_t cnlp_grapheme_break(int32_t cp1, int32_t cp2, int32_t *state);

enum {
    CNLP_MAP_NFC = 1 << 0, CNLP_MAP_NFD = 1 << 1, CNLP_MAP_NFKC = 1 << 2, CNLP_MAP_NFKD = 1 << 3,
    CNLP_MAP_CASEFOLD = 1 << 4, CNLP_MAP_STRIPMARK = 1 << 5,
};
/// utf8proc_map straight on UTF-8: returns the length and sets *dest to a malloc'd buffer
/// (free with cnlp_free), or returns < 0 (invalid UTF-8 or out of memory).
int64_t cnlp_utf8_map(const uint8_t *src, int64_t length, int32_t options, uint8_t **dest);
void cnlp_free(void *pointer);
const char *cnlp_utf8proc_version(void);

#ifdef __cplusplus
}
#endif
#endif
