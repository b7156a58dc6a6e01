#!/usr/bin/env python3
"""Writes Examples/data/sentiment-{train,test}.csv: short review sentences built from templates
written for swift-nlp (CC0, no dataset text), labelled positive / negative / neutral.

Train and test use disjoint subjects, and the test set also has sentence frames never seen in
training, so it measures whether the classifier learned the opinion words rather than the sentences. Deterministic: rerun to get the same files.

    python3 Examples/data/make_sentiment_csv.py
"""
import csv
import os
import random

TRAIN_SUBJECTS = ["the pasta", "this phone", "the hotel room", "the delivery", "the support team",
                  "this jacket", "the coffee", "the app", "the battery", "the museum tour",
                  "the train ride", "this laptop", "the soup", "the new update", "the headphones",
                  "the bakery", "the checkout", "the sofa"]
TEST_SUBJECTS = ["the pizza", "this camera", "the guesthouse", "the courier", "the help desk",
                 "these boots", "the tea", "the website"]

# Opinion words and the frames that carry them; the last frame of each list occurs only in the test set.
GOOD = ["excellent", "wonderful", "superb", "fantastic", "lovely", "brilliant", "great", "perfect", "friendly", "delightful"]
BAD = ["terrible", "awful", "dreadful", "horrible", "disappointing", "rude", "broken", "useless", "bland", "poor"]
OPINION_FRAMES = ["{s} was {w}", "honestly, {s} is {w}", "I found {s} {w}", "{s} turned out {w}",
                  "what a {w} experience {s} was", "{s} felt {w} from start to finish",
                  "my verdict on {s}: {w}", "everyone agreed {s} was {w}"]
POSITIVE_EXTRA = ["I would happily recommend {s}", "really happy with {s}", "{s} made my day", "I loved {s}"]
NEGATIVE_EXTRA = ["I would never recommend {s}", "really unhappy with {s}", "{s} ruined my day", "I hated {s}"]
NEUTRAL = ["{s} arrived on Tuesday", "I picked up {s} this morning", "{s} comes in three colours",
           "{s} is on the second floor", "we ordered {s} at noon", "{s} was delivered in a box",
           "the receipt lists {s}", "{s} is sold in most shops", "I asked about {s} by email",
           "{s} was mentioned in the newsletter", "{s} opens at nine", "my sister also has {s}"]


def rows(subjects, rng, per_subject, test):
    def pick(frames):
        return frames if test else frames[:-1]
    out = []
    for s in subjects:
        for _ in range(per_subject):
            for label, words, extra in (("positive", GOOD, POSITIVE_EXTRA), ("negative", BAD, NEGATIVE_EXTRA)):
                if rng.random() < 0.75:
                    text = rng.choice(pick(OPINION_FRAMES)).format(s=s, w=rng.choice(words))
                else:
                    text = rng.choice(pick(extra)).format(s=s)
                out.append((text[0].upper() + text[1:] + rng.choice(["", ".", "!"]), label))
            text = rng.choice(pick(NEUTRAL)).format(s=s)
            out.append((text[0].upper() + text[1:] + rng.choice(["", "."]), "neutral"))
    out = sorted(set(out))
    rng.shuffle(out)
    return out


def write(path, data):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["text", "label"])
        w.writerows(data)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(5)
    write(os.path.join(here, "sentiment-train.csv"), rows(TRAIN_SUBJECTS, rng, 6, test=False))
    write(os.path.join(here, "sentiment-test.csv"), rows(TEST_SUBJECTS, rng, 5, test=True))
