#!/usr/bin/env python3
"""Build corpora/intents/{train,test}.csv from intents_en.py (English) and corpora/intents-zh from intents_zh.py.

Each intent's hand-written templates are filled with slot values and lightly varied
(casual prefixes and suffixes, lower case, a typo now and then) until the intent has about
50 distinct utterances; then ~20% go to test.csv. No text appears in both files (compared
after lower-casing and stripping punctuation). Deterministic. Run: python3 corpora/tools/make_intents.py
"""
import csv
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import intents_en  # noqa: E402
import intents_zh  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")
PREFIX = ["hi, ", "hello, ", "hey ", "Hi there. ", "quick question: ", "please, ", "Hello! ", "um ", "excuse me, ", "ok so ", "good morning, "]
SUFFIX = [", please", ", thanks", "?", " asap", " pls", "!", ", thank you", " - urgent", " ??", "..."]
SOCIAL = {"greeting", "goodbye", "thanks"}


def typo(r, s):
    words = s.split()
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not idx:
        return s
    i = r.choice(idx)
    w = list(words[i])
    j = r.randrange(1, len(w) - 1)
    if r.random() < 0.5:
        w[j], w[j + 1 if j + 1 < len(w) else j - 1] = w[j + 1 if j + 1 < len(w) else j - 1], w[j]
    else:
        del w[j]
    words[i] = "".join(w)
    return " ".join(words)


def fill(r, t, values):
    return re.sub(r"\{(\w+)\}", lambda m: r.choice(values[m.group(1)]), t)


def key(s):
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def expand(r, intent, templates, values, target, latin=True):
    out, seen = [], set()
    for t in templates:  # every hand-written template once, as written (slots filled)
        s = fill(r, t, values)
        if key(s) not in seen:
            seen.add(key(s)); out.append(s)
    tries = 0
    while len(out) < target and tries < 5000:
        tries += 1
        s = fill(r, r.choice(templates), values)
        if latin and intent not in SOCIAL:
            if r.random() < 0.3:
                s = r.choice(PREFIX) + (s[0].lower() + s[1:] if not s.startswith("I ") else s)
            if r.random() < 0.25:
                s = s.rstrip("?.!") + r.choice(SUFFIX)
            if r.random() < 0.2:
                s = s.lower()
            if r.random() < 0.15:
                s = typo(r, s)
        elif not latin:
            if r.random() < 0.3:
                s = r.choice(["你好，", "您好，", "请问", "麻烦问一下，", "客服，"]) + s
            if r.random() < 0.25:
                s = s.rstrip("？。！") + r.choice(["，谢谢", "？", "，急！", "，麻烦了"])
        if key(s) not in seen:
            seen.add(key(s)); out.append(s)
    return out


def write(folder, intents, values, target, seed, latin):
    r = random.Random(seed)
    train, test = [], []
    for intent, templates in intents.items():
        utts = expand(r, intent, templates, values, target, latin)
        r.shuffle(utts)
        n_test = max(4, round(len(utts) * 0.2))
        test += [(u, intent) for u in utts[:n_test]]
        train += [(u, intent) for u in utts[n_test:]]
    r.shuffle(train); r.shuffle(test)
    assert not ({key(t) for t, _ in train} & {key(t) for t, _ in test})
    os.makedirs(os.path.join(ROOT, folder), exist_ok=True)
    for name, rows in (("train.csv", train), ("test.csv", test)):
        with open(os.path.join(ROOT, folder, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            w.writerow(["text", "label"])
            w.writerows(rows)
    print(f"{folder}: {len(intents)} labels, train {len(train)}, test {len(test)}")


if __name__ == "__main__":
    write("intents", intents_en.INTENTS, intents_en.SLOT_VALUES, 52, 31, True)
    write("intents-zh", intents_zh.INTENTS, intents_zh.SLOT_VALUES, 28, 32, False)
