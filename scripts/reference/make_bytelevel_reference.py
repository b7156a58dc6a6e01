#!/usr/bin/env python3
"""Reference ids for the byte-level BPE tests (Tests/NLPTokenizersTests/Fixtures/bytelevel_reference.json).

  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_bytelevel_reference.py

- "gpt2": tiktoken ids with the GPT-2 ranks (Fixtures/gpt2.tiktoken) and tiktoken's GPT-2
  pattern, for lines written here (prose, code, numbers, contractions, white-space runs,
  accents, CJK, emoji/ZWJ, control characters, NUL, lone combining marks) plus seeded random
  adversarial strings.
- "cl100k" / "o200k": the pieces the `regex` module (tiktoken's Python dependency, same
  syntax) cuts those lines into with tiktoken's cl100k_base / o200k_base patterns.
- "bpe": Hugging Face tokenizers' BPE model on small hand-made vocabularies, one case per
  option (unk_token, fuse_unk, byte_fallback, continuing_subword_prefix, end_of_word_suffix,
  ignore_merges): model.tokenize(word) -> ids and offsets.
"""
import base64, json, os, random

import regex
import tiktoken
from tokenizers import models

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "NLPTokenizersTests", "Fixtures")
GPT2_PAT = r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""
CL100K = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
O200K = "|".join([
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""\p{N}{1,3}""", r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""", r"""\s*[\r\n]+""", r"""\s+(?!\S)""", r"""\s+""",
])

LINES = [
    "", "Hello world", "Hello, world!", " leading space", "trailing space ", "trailing spaces   ",
    "two  spaces between", "tab\there", "tabs\t\t\tand spaces \t mixed", "new\nline", "windows\r\nline",
    "I'm sure you're right, we'll see what they've done; I'd say it's John's.",
    "Don't SHOUT: DON'T, I'M, YOU'RE, WE'LL, THEY'VE, I'D", "'s 's''s '''s ' s 'll'", "rock 'n' roll",
    "The quick brown fox jumps over the lazy dog.", "The year 1999 had 365 days; 2024 has 366.",
    "Numbers: 3.14159, 2,718, 1e-10, 0x1F, 1234567890123, ½ ¾ ², ٣٤٥ ४५६",
    "Prices $5.99, €10, £3.50, ¥100 — 50% off!!!", "email@example.com https://example.org/path?q=1&r=2#frag",
    "def f(x):\n    return x ** 2  # square", "for (int i = 0; i < n; ++i) { sum += a[i]; }",
    "    indented four", "\tindented tab", "if x==1:\n\tprint('yes')\nelse:\n\tpass",
    "{\"key\": [1, 2, 3], \"nested\": {\"a\": null}}", "<html><body class=\"x\">Hi</body></html>",
    "SELECT * FROM users WHERE id = 42;", "a+b=c; a-b=d; a*b=e; a/b=f; a%b=g",
    "Café naïve résumé coöperate façade jalapeño", "Ångström São Paulo Zürich Kraków Dvořák",
    "Straße, İstanbul, ǅemal, ﬁne ligature", "Ελληνικά κείμενα και αριθμοί 123",
    "Русский текст с пробелами.", "עברית וערבית العربية", "हिन्दी में लिखा गया पाठ", "ไทยไม่มีช่องว่าง",
    "中文没有空格，但是有标点。", "我爱北京天安门", "日本語のテキストとカタカナ、ひらがな。", "한국어 문장입니다.",
    "混合English和中文text", "全角：ＡＢＣ１２３　全角空格", "emoji 😀 and 👍🏽 thumbs",
    "family 👨‍👩‍👧‍👦 zwj sequence", "flags 🇫🇷🇯🇵 and keycap 1️⃣", "🏳️‍🌈🏴‍☠️", "❤️❤❤️",
    "control\x01\x02\x03chars", "nul\x00byte", "\x00", "bell\x07 escape\x1b[31mred\x1b[0m",
    "\x1c\x1d\x1e\x1f separators", "vertical\x0btab\x0cformfeed", "next\x85line", "nbsp\xa0here",
    "\u2028line sep\u2029para sep", "ideographic\u3000space", "thin\u2009space", "zero\u200bwidth\u200cjoiner\u200d",
    "\u0301lone combining", "e\u0301 decomposed é", "a\u0308\u0301\u0327 stacked marks", " \u0301 space then mark",
    "soft\xadhyphen", "bidi \u202eoverride\u202c", "bom\ufeffinside", "private \ue000 use", "replacement \ufffd char",
    "   ", "\t", "\n", " \n ", "\n\n\n", " ", "  ", "a", "!", "?!", "...", "--", "—", "'", "''", "x'", "'x",
    "supercalifragilisticexpialidocious", "pneumonoultramicroscopicsilicovolcanoconiosis",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "ababababababababababababababababababababababababababababab",
    "1111111111111111111111111111111111111111111111111111111", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math 𝐀𝐁𝐂 𝟏𝟐𝟑", "𠀀𠀁 astral ideographs", "Ⅻ roman numeral, ⅷ small",
    "mixed\t \t \n \r\n end", "end with newline\n", "end with tab\t", "space before newline \nnext",
    "  \n  \n", "word\u00a0\u00a0word", "x  \u00a0 y", "a \t b", "1 2  3   4",
    "camelCaseIdentifier snake_case_name kebab-case-name SCREAMING_CASE", "file.name.tar.gz ../up/dir ~/home",
    "C++ C# F# .NET node.js", "100,000.00 1.000.000,00 1'000'000", "12:30pm 2024-01-31T12:30:00Z",
    "(parentheses) [brackets] {braces} <angles>", "\"quoted\" 'single' “curly” ‘quotes’ «guillemets»",
    "hashtag #hello @mention", "a\\b\\c", "tab\tseparated\tvalues\t1\t2", "col1,col2,col3\n1,2,3",
]


def random_lines(n, seed=1234):
    rng = random.Random(seed)
    alphabet = (list("abcdefgXYZ019 '\t\n\r.,!?-_") + ["é", "ß", "中", "文", "😀", "\u200d", "\u0301", "\x00",
                "\x1f", "\x85", "\xa0", "\u3000", "ǅ", "١", "Ⅻ", "𝐀", "🏽", "\ufeff", "’", "ll", "ve", "re", "'s"])
    out = []
    for _ in range(n):
        k = rng.randint(1, 40)
        out.append("".join(rng.choice(alphabet) for _ in range(k)))
    return out


def load_ranks(path):
    ranks = {}
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                tok, rank = line.split()
                ranks[base64.b64decode(tok)] = int(rank)
    return ranks


def bpe_cases():
    cases = []

    def add(name, vocab, merges, words, **kw):
        model = models.BPE(vocab=vocab, merges=merges, **kw)
        results = []
        for w in words:
            toks = model.tokenize(w)
            results.append({"word": w, "ids": [t.id for t in toks], "offsets": [list(t.offsets) for t in toks]})
        cases.append({"name": name, "vocab": vocab, "merges": [list(m) for m in merges],
                      "options": {k: v for k, v in kw.items()}, "results": results})

    base = {"[UNK]": 0, "a": 1, "b": 2, "c": 3, "ab": 4, "abc": 5, "bc": 6, "é": 7, "aé": 8}
    merges = [("a", "b"), ("ab", "c"), ("b", "c"), ("a", "é")]
    words = ["abc", "abcabc", "xyz", "axyzb", "aéb", "ab中c", "bbbb", "cab", "zz"]
    add("plain", base, merges, words)
    add("unk", base, merges, words, unk_token="[UNK]")
    add("unk_fused", base, merges, words, unk_token="[UNK]", fuse_unk=True)
    fb = dict(base, **{"<0x78>": 9, "<0x79>": 10, "<0xE4>": 11, "<0xB8>": 12, "<0xAD>": 13})
    add("byte_fallback", fb, merges, words, unk_token="[UNK]", byte_fallback=True)
    pre = {"[UNK]": 0, "a": 1, "##b": 2, "##c": 3, "a##b": 4, "ab": 5, "b": 6, "##a": 7, "##bc": 8, "abc": 9}
    add("prefix", pre, [("a", "##b"), ("##b", "##c"), ("ab", "##c")], ["ab", "abc", "ba", "abab", "cab"],
        unk_token="[UNK]", continuing_subword_prefix="##")
    suf = {"[UNK]": 0, "a": 1, "b": 2, "c</w>": 3, "b</w>": 4, "ab": 5, "ab</w>": 6, "abc</w>": 7, "a</w>": 8}
    add("suffix", suf, [("a", "b"), ("a", "b</w>"), ("ab", "c</w>")], ["ab", "abc", "a", "aab", "cab"],
        unk_token="[UNK]", end_of_word_suffix="</w>")
    ign = {"a": 0, "b": 1, "c": 2, "ab": 3, "bc": 4, "abc": 5, "cab": 6}
    add("no_ignore_merges", ign, [("a", "b"), ("b", "c")], ["abc", "cab", "ab"])
    add("ignore_merges", ign, [("a", "b"), ("b", "c")], ["abc", "cab", "ab"], ignore_merges=True)
    return cases


def main():
    ranks = load_ranks(os.path.join(FIXTURES, "gpt2.tiktoken"))
    enc = tiktoken.Encoding(name="gpt2_local", pat_str=GPT2_PAT, mergeable_ranks=ranks,
                            special_tokens={"<|endoftext|>": 50256}, explicit_n_vocab=50257)
    lines = LINES + random_lines(250)
    ref = {
        "lines": lines,
        "gpt2": [enc.encode_ordinary(l) for l in lines],
        "cl100k": [regex.findall(CL100K, l) for l in lines],
        "o200k": [regex.findall(O200K, l) for l in lines],
        "bpe": bpe_cases(),
        "versions": {"tiktoken": tiktoken.__version__, "regex": regex.__version__},
    }
    path = os.path.join(FIXTURES, "bytelevel_reference.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(ref, fh, ensure_ascii=True, separators=(",", ":"))
    print(f"wrote {path}: {len(lines)} lines, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
