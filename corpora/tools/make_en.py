#!/usr/bin/env python3
"""Generate the template-expanded part of corpora/en (news, travel, dialogues, reviews).

The hand-written files (everyday, science, history, fiction, technology, cooking) are not
touched. Output is deterministic (fixed seed). Every sentence is used at most `cap` times.
Run from the repository root:  python3 corpora/tools/make_en.py
"""
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import SLOTS, fill, ordinal, FIXED_CURRENCY, CURRENCIES  # noqa: E402
import news_bank, travel_bank, review_bank, dialogue_bank  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "en")

SLOTS.update({
    "ordinal": lambda r: ordinal(r.randint(2, 60)),
    "ordinal_min": lambda r: ordinal(r.randint(80, 95)),
    "food": lambda r: r.choice(news_bank.FOODS),
    "digit": lambda r: r.randint(1, 9),
    "cs": lambda r: f"{r.randint(0, 99):02d}",
    "sec": lambda r: f"{r.randint(0, 59):02d}",
    "cardtype": lambda r: r.choice(["Visa", "Mastercard", "debit", "credit", "business", "Visa debit"]),
    "amount": lambda r: r.choice(["£", "$", "€"]) + f"{r.choice([r.randint(20, 900), r.randint(1000, 4800)]):,}"
                        + r.choice(["", f".{r.randint(0, 99):02d}"]),
    "merchant": lambda r: r.choice(dialogue_bank.MERCHANTS),
    "company": lambda r: r.choice(sum(dialogue_bank.COMPANIES.values(), [])),
    "daypart": lambda r: r.choice(["morning", "afternoon", "evening", "day"]),
    "postcode": lambda r: f"{r.choice('ABCDEHKLMNPRSTW')}{r.choice('ABDEFGHLMNPRSTW')}{r.randint(1, 20)} "
                          f"{r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}",
    "flight": lambda r: f"{r.choice(['SK', 'VL', 'NW', 'TR'])}{r.randint(100, 9999)}",
    "pnr": lambda r: "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6)),
    "product": lambda r: r.choice(review_bank.PRODUCTS + dialogue_bank.PRODUCTS),
    "place": lambda r: r.choice(review_bank.PLACES),
})


class Writer:
    def __init__(self, rng, cap):
        self.rng, self.cap, self.seen = rng, cap, {}

    def take(self, template, shared):
        """Fill a template; None if that exact sentence has been used `cap` times."""
        s = fill(self.rng, template, **shared)
        pieces = [p for p in re.split(r'(?<=[.!?"])\s+', s) if len(p) > 12]
        if any(self.seen.get(p, 0) >= self.cap for p in pieces):
            return None
        for p in pieces:
            self.seen[p] = self.seen.get(p, 0) + 1
        return s

    def pick(self, options, shared, tries=8):
        for _ in range(tries):
            s = self.take(self.rng.choice(options), shared)
            if s:
                return s
        return None


def shared_slots(rng):
    FIXED_CURRENCY[:] = [rng.choice(CURRENCIES[:4])]
    # Values that must agree within one paragraph (the same town, person or card throughout).
    return {k: SLOTS[k](rng) for k in ("town", "town2", "foreign", "first", "last4", "tx", "amount", "weekday",
                                        "company", "daypart", "product", "place", "country")
            if k in SLOTS or k == "town2"} if False else {
        "town": SLOTS["town"](rng), "town2": SLOTS["town"](rng), "foreign": SLOTS["foreign"](rng),
        "first": SLOTS["first"](rng), "last4": SLOTS["last4"](rng), "tx": SLOTS["tx"](rng),
        "amount": SLOTS["amount"](rng), "weekday": SLOTS["weekday"](rng), "company": SLOTS["company"](rng),
        "daypart": SLOTS["daypart"](rng), "product": SLOTS["product"](rng), "place": SLOTS["place"](rng),
        "country": SLOTS["country"](rng), "pnr": SLOTS["pnr"](rng), "last": SLOTS["last"](rng),
        "postcode": SLOTS["postcode"](rng), "order": SLOTS["order"](rng), "food": SLOTS["food"](rng)}


def news(rng, target):
    w, out, size = Writer(rng, 1), [], 0
    while size < target:
        st = rng.choice(news_bank.STORIES)
        sh = shared_slots(rng)
        parts = [w.pick(st["open"], sh)]
        if not parts[0]:
            continue
        for d in rng.sample(st["details"], k=min(len(st["details"]), rng.randint(2, 3))):
            parts.append(w.take(d, sh))
        parts.insert(rng.randint(2, len(parts)), w.pick(st["quotes"], sh))
        if st["close"] and rng.random() < 0.6:
            parts.append(w.pick(st["close"], sh))
        parts = [p for p in parts if p]
        if len(parts) >= 3:
            line = " ".join(parts)
            out.append(line)
            size += len(line.encode()) + 1
    return out


def travel(rng, target):
    w, out, size, b = Writer(rng, 1), [], 0, travel_bank
    while size < target:
        sh = shared_slots(rng)
        parts = [w.pick(b.TRAVEL_OPEN, sh)]
        for bank, p in ((b.TRAVEL_STAY, 0.7), (b.TRAVEL_FOOD, 0.8), (b.TRAVEL_SIGHT, 0.8), (b.TRAVEL_TIP, 0.5),
                        (b.TRAVEL_CLOSE, 0.4)):
            if rng.random() < p:
                parts.append(w.pick(bank, sh))
        parts = [p for p in parts if p]
        if len(parts) >= 3:
            line = " ".join(parts)
            out.append(line)
            size += len(line.encode()) + 1
    return out


def reviews(rng, target):
    w, out, size, b = Writer(rng, 2), [], 0, review_bank
    attempts = 0
    place_words = ("{place}", "courses", "Rude service", "staff remembered", "menu", "terrace", "Food at")
    while size < target and attempts < 20_000:
        attempts += 1
        sh = shared_slots(rng)
        is_place = rng.random() < 0.35
        bank = [t for t in rng.choice([b.REV_POS, b.REV_NEG, b.REV_MIX])
                if any(x in t for x in place_words) == is_place]
        parts = [w.take(t, sh) for t in rng.sample(bank, k=min(len(bank), rng.randint(1, 3)))]
        if rng.random() < 0.6:
            parts.append(w.pick(b.REV_TAIL, sh))
        parts = [p for p in parts if p]
        if len(parts) >= 2:
            line = " ".join(dict.fromkeys(parts))
            out.append(line)
            size += len(line.encode()) + 1
    return out


def dialogues(rng, target):
    # Service conversations repeat their stock phrases by nature; slotted turns still vary.
    w, out, size, d = Writer(rng, 10), [], 0, dialogue_bank
    while size < target:
        sh = shared_slots(rng)
        sh["weekday2"] = rng.choice([x for x in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
                                     if x != sh["weekday"]])
        domain = rng.choice(list(d.SCENARIOS))
        sh["company"] = rng.choice(d.COMPANIES[domain])
        sh["firstl"], sh["lastl"] = sh["first"].lower(), sh["last"].lower()
        scenario = rng.choice(d.SCENARIOS[domain])
        turns = []
        if rng.random() < 0.7:
            turns.append(("Agent", w.pick(d.AGENT_HELLO, sh)))
        # Answers are aligned with questions by index where the bank gives parallel variants.
        # One index for every turn: turns whose variant lists have the same length stay consistent
        # (question 2 of the customer gets answer 2 of the agent).
        k = rng.randrange(6)
        for i, variants in enumerate(scenario):
            who = "Customer" if i % 2 == 0 else "Agent"
            v = variants[k % len(variants)]
            turns.append((who, w.take(v, sh)))
        if rng.random() < 0.6:
            turns += [("Agent", w.pick(d.AGENT_BYE, sh)), ("Customer", w.pick(d.CUST_BYE, sh)),
                      ("Agent", w.pick(d.AGENT_END, sh))]
        if any(t is None for _, t in turns[:len(scenario) + 1]):
            continue
        turns = [(a, t) for a, t in turns if t]
        if len(turns) >= 4:
            line = " ".join(f"{a}: {t}" for a, t in turns)
            out.append(line)
            size += len(line.encode()) + 1
    return out


def main():
    plan = [("news.txt", news, 70_000, 11), ("travel.txt", travel, 30_000, 12),
            ("reviews.txt", reviews, 20_000, 13), ("support-dialogues.txt", dialogues, 45_000, 14)]
    for name, fn, target, seed in plan:
        lines = fn(random.Random(seed), target)
        lines = [l.replace("a.m..", "a.m.").replace("p.m..", "p.m.") for l in lines]
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"{name}: {len(lines)} lines, {sum(len(l.encode()) + 1 for l in lines)} bytes")


if __name__ == "__main__":
    main()
