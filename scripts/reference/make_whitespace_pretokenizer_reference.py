#!/usr/bin/env python3
"""Reference pieces of HF tokenizers' Whitespace and WhitespaceSplit pre-tokenizers.

Inputs: every line of Tests/NLPTokenizersTests/Fixtures/bpe_trainer_corpus.txt plus the edge
cases below (written for the project). Output: whitespace_pretokenizer_reference.json, a list of
{"text", "Whitespace": [pieces], "WhitespaceSplit": [pieces]}.

  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_whitespace_pretokenizer_reference.py
"""
import json, os
from tokenizers import pre_tokenizers

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "NLPTokenizersTests", "Fixtures")

EDGE = [
    "", " ", "a", "  leading and trailing  ", "\t\n\r\x0b\x0c",
    "unit\x1fsep\x1cfile\x1dgroup\x1erecord", "next\x85line", "no\xa0break", "zero\u200bwidth",
    "word\u2060joiner", "zwj a\u200db zwnj c\u200cd", "ogham\u1680space", "em\u2003space",
    "line\u2028para\u2029end", "narrow\u202fnbsp", "math\u205fspace", "ideo\u3000space",
    "circled \u24b6\u24d1\u24d2 squared \U0001f130 neg \U0001f150\U0001f170", "roman \u2160\u2161 nl",
    "fractions ½ ¾ superscript ² ³ digits ٣ ४ ๕", "connector a_b a\u203fb a\ufe4fb",
    "marks e\u0301 a\u0308 \u0915\u093f", "emoji \U0001f600\U0001f600 \u2764\ufe0f \U0001f44d\U0001f3fd",
    "flags \U0001f1eb\U0001f1f7 keycap 1\ufe0f\u20e3", "math 𝔥𝔢𝔩𝔩𝔬 𝟙𝟚", "cjk 我爱北京天安门。日本語、テスト！",
    "hangul 한국어 \u1100\u1161", "thai ภาษาไทย", "arabic مرحبا بالعالم؟", "hebrew שָׁלוֹם",
    "punct !!!...??? «quotes» “curly” ‘single’ — dash – en", "symbols $€£¥ +−×÷ =≠ <>", "tab\tsep",
    "control \x00nul \x07bel \x1besc \x7fdel", "private \ue000 use", "soft\xadhyphen",
    "mixed123abc 123.456 1,000 -5", "apostrophe don't we'll", "url https://example.com/a?b=c",
    "email user@example.com", "@user #tag", "a" * 300,
]


def pieces(pre, text):
    return [p for p, _ in pre.pre_tokenize_str(text)]


def main():
    with open(os.path.join(FIXTURES, "bpe_trainer_corpus.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    ws, wss = pre_tokenizers.Whitespace(), pre_tokenizers.WhitespaceSplit()
    out = [{"text": t, "Whitespace": pieces(ws, t), "WhitespaceSplit": pieces(wss, t)} for t in lines + EDGE]
    with open(os.path.join(FIXTURES, "whitespace_pretokenizer_reference.json"), "w") as f:
        json.dump(out, f, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
