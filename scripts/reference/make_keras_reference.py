#!/usr/bin/env python3
"""Reference outputs of Keras's Tokenizer and pad_sequences for the Swift KerasTokenizer tests.

Uses keras-preprocessing 1.1.2 (the code behind keras.preprocessing.text/sequence, without
TensorFlow):
  /root/.cache/nlp-peers/.venv/bin/python -m pip install --target /tmp/kerasref --no-deps keras-preprocessing==1.1.2
  PYTHONHASHSEED=0 PYTHONPATH=/tmp/kerasref /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_keras_reference.py
Writes Tests/NLPTokenizersTests/Fixtures/keras_reference.json. Texts are written for the project.
"""
import json, os
import numpy as np

if not hasattr(np, "unicode_"):  # keras-preprocessing 1.1.2 predates NumPy 2
    np.unicode_ = np.str_
from keras_preprocessing.text import Tokenizer, tokenizer_from_json
from keras_preprocessing.sequence import pad_sequences

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "NLPTokenizersTests", "Fixtures")

FIT = [
    "The cat sat on the mat.",
    "The dog ate my homework!!! Didn't it?",
    "A cat, a dog, and a bird: friends (sometimes).",
    "Naïve café — crème brûlée; ÇA VA? Très bien.",
    "ΟΔΟΣ ΣΟΦΟΣ Σ ΑΣ. İstanbul STRASSE Straße.",
    "我爱北京 天安门 我爱 北京",
    "emoji 😀 party 🎉🎉 time\tand\ttabs\nnew lines",
    "",
    "the THE The tHe",
    "under_score snake_case #hashtag @user email@example.com 3.14 1,000",
]
TEST = [
    "The cat and the dog.",
    "An unseen sentence with zebra words!",
    "我爱 天安门 😀",
    "",
    "sat sat sat on on a a a mat mat",
]
CONFIGS = {
    "default": dict(),
    "num_words_oov": dict(num_words=6, oov_token="<OOV>"),
    "char_level": dict(char_level=True, lower=False),
    "custom_split": dict(filters="", split=",", lower=False),
    "oov_only": dict(oov_token="UNK"),
}
PADS = [
    dict(sequences=[[1, 2, 3], [4, 5], [6], []]),
    dict(sequences=[[1, 2, 3, 4, 5], [6, 7], [8]], maxlen=3),
    dict(sequences=[[1, 2, 3, 4, 5], [6, 7], [8]], maxlen=3, padding="post"),
    dict(sequences=[[1, 2, 3, 4, 5], [6, 7], [8]], maxlen=3, truncating="post"),
    dict(sequences=[[1, 2, 3, 4, 5], [6, 7], [8]], maxlen=3, padding="post", truncating="post", value=-1),
    dict(sequences=[[1, 2], [3]], maxlen=5, value=9),
]


def main():
    out = {"fit": FIT, "test": TEST, "configs": {}, "pads": []}
    for name, cfg in CONFIGS.items():
        tk = Tokenizer(**cfg)
        tk.fit_on_texts(FIT)
        seqs = tk.texts_to_sequences(TEST)
        entry = {
            "config": cfg,
            "to_json": tk.to_json(),
            "word_index": list(tk.word_index.items()),
            "sequences": seqs,
            "texts": tk.sequences_to_texts(seqs + [[0, 1, 2, 3, 999]]),
            "matrices": {mode: tk.texts_to_matrix(TEST, mode=mode).tolist()
                         for mode in ("binary", "count", "freq", "tfidf")},
        }
        # Round trip through Keras's own reader.
        assert tokenizer_from_json(entry["to_json"]).texts_to_sequences(TEST) == seqs
        out["configs"][name] = entry
    for case in PADS:
        kwargs = {k: v for k, v in case.items() if k != "sequences"}
        out["pads"].append({**case, "result": pad_sequences(case["sequences"], **kwargs).tolist()})
    with open(os.path.join(FIXTURES, "keras_reference.json"), "w") as f:
        json.dump(out, f, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
