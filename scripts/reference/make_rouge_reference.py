"""Writes Tests/NLPTrainingTests/Fixtures/rouge_reference.json: rouge-score's outputs on
(candidate, reference) pairs written for this project, and NLTK Porter stems for every distinct
word of the project's own English corpora (corpora/en, CC0).

Run with the peers' python (rouge-score 0.1.2, nltk):
    /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_rouge_reference.py
"""
import glob, json, os, re
from rouge_score import rouge_scorer, tokenize
from nltk.stem import porter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PAIRS = [
    ("The cats sat on the mat.", "A cat was sitting on the mat."),
    ("Police arrested three men after the robbery on Friday.", "Three men were arrested by police on Friday after a robbery."),
    ("", "Nothing to compare against."),
    ("Only candidate text here.", ""),
    ("Café owners in Zürich raised prices by 5%.", "Zurich cafe owners raised their prices 5 percent."),
    ("東京の天気は晴れ。 Tokyo weather: sunny!", "Tokyo: sunny weather today."),
    ("Great news 🎉🎉 for fans: the band is touring again in 2027.", "The band announced a 2027 tour; fans are thrilled."),
    ("Control\tcharacters\x07 and\x00 nulls\r\nshould split words.", "control characters and nulls split words"),
    ("Supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopic",
     "antidisestablishmentarianism is a long word"),
    ("\n\n\n", "\n"),
    ("İstanbul's KELVIN \u212a sign, ǅungla and ﬁne ligatures.", "istanbul kelvin k sign fine ligatures"),
    ("The generously hopeful relational conditional rationality of happiness.",
     "Generous hope relates conditions rationally to happy feelings."),
    ("He was running, runs, and ran; the runner's run was running late.", "Running runners run runs."),
    ("the the the the the", "the cat the dog"),
    ("1,000,000 dollars 3.14 pi 2nd 3rd 10th", "1 000 000 dollar 3 14 pie second third tenth"),
    ("Dying lying tying skies sky news innings outings cannings proceed exceed succeed howe",
     "die lie tie sky news inning outing canning proceeding exceeded succeeding"),
    ("Ties spies cries flies died spied cried agreed feed bled plastered motoring sing",
     "tie spy cry fly die spy cry agree feed bleed plaster motor sing"),
    ("Hopping tanned falling hissing fizzed failing filing conflated troubled sized",
     "hop tan fall hiss fizz fail file conflate trouble size"),
    ("Triplicate formative formalize electriciti electrical hopeful goodness",
     "triplic form formal electric electric hope good"),
    ("Revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize",
     "reviv allow infer airlin gyroscop adjust defens irrit replac adjust depend adopt homolog commun activ angular homolog effect bowdler"),
    ("probate rate cease controll roll analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti",
     "probat rate ceas control roll analogous vietnamize predicate operate feudal decisive hopeful callous formal sensitive sensible"),
    ("yyyy syzygy toy enjoy enjoyment happy happiness archaeology theology radically fully",
     "syzygi toy enjoy happi archaeolog theolog radic full"),
    ("Summarisation models compress long documents into a few sentences that keep the main facts. "
     "Extractive systems copy sentences; abstractive systems write new ones.",
     "Summarization models keep the main facts of long documents in a few sentences. Abstractive systems write new sentences."),
]


def corpus_words():
    words = set()
    for path in sorted(glob.glob(os.path.join(ROOT, "corpora", "en", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            for token in tokenize.tokenize(f.read(), None):
                if len(token) > 3:
                    words.add(token)
    return sorted(words)


def main():
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    stemmer = porter.PorterStemmer()
    pairs = []
    for cand, ref in PAIRS:
        s = scorer.score(ref, cand)  # score(target, prediction)
        pairs.append({
            "candidate": cand, "reference": ref,
            "candidate_tokens": tokenize.tokenize(cand, stemmer),
            "reference_tokens": tokenize.tokenize(ref, stemmer),
            **{k: [s[k].precision, s[k].recall, s[k].fmeasure] for k in ("rouge1", "rouge2", "rougeL")},
        })
    words = corpus_words()
    extra = ["ties", "dies", "caresses", "ponies", "cats", "feed", "agreed", "hopping", "controlling",
             "generalization", "oscillators", "yelling", "sayings", "yyyyyy", "aaaa", "1990s", "abcy",
             "biology", "apology", "eyes", "flying", "played", "conditionally", "fully", "finalli", "beautifulli"]
    words = sorted(set(words) | set(extra))
    stems = [stemmer.stem(w) for w in words]
    out = {"pairs": pairs, "words": words, "stems": stems}
    dest = os.path.join(ROOT, "Tests", "NLPTrainingTests", "Fixtures", "rouge_reference.json")
    with open(dest, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=0)
    print(f"{len(pairs)} pairs, {len(words)} words -> {dest}")


if __name__ == "__main__":
    main()
