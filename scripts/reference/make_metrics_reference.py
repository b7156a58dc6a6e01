"""Writes Tests/NLPTrainingTests/Fixtures/metrics_reference.json: scikit-learn's accuracy,
macro-F1, per-class precision/recall/F1/support and confusion matrix on label sequences drawn
here (seeded), including classes that are never predicted and gold labels unknown to the model.

    /root/.cache/nlp-peers/.venv/bin/python scripts/reference/make_metrics_reference.py
"""
import json, os, random
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support, confusion_matrix

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def case(name, gold, pred):
    labels = sorted(set(gold) | set(pred))
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    return {
        "name": name, "gold": gold, "predicted": pred, "labels": labels,
        "accuracy": accuracy_score(gold, pred),
        "macro_f1": f1_score(gold, pred, average="macro", zero_division=0),
        "precision": list(map(float, p)), "recall": list(map(float, r)), "f1": list(map(float, f)),
        "support": list(map(int, s)),
        "confusion": confusion_matrix(gold, pred, labels=labels).tolist(),
    }


def main():
    rng = random.Random(5)
    cases = []
    names = ["billing", "cancel", "greeting", "out_of_scope", "refund"]
    gold = [rng.choice(names) for _ in range(200)]
    pred = [g if rng.random() < 0.7 else rng.choice(names) for g in gold]
    cases.append(case("five classes, 70% right", gold, pred))
    gold = [rng.choice(["neg", "pos"]) for _ in range(50)]
    cases.append(case("one class never predicted", gold, ["pos"] * 50))
    gold = [rng.choice(["a", "b", "c"]) for _ in range(60)]
    pred = [g if rng.random() < 0.5 else rng.choice(["a", "b", "d"]) for g in gold]
    cases.append(case("a predicted class never gold", gold, pred))
    gold = [str(rng.randrange(12)) for _ in range(300)]
    pred = [g if rng.random() < 0.6 else str(rng.randrange(12)) for g in gold]
    cases.append(case("twelve classes", gold, pred))
    dest = os.path.join(ROOT, "Tests", "NLPTrainingTests", "Fixtures", "metrics_reference.json")
    with open(dest, "w") as f:
        json.dump({"cases": cases}, f, indent=0)
    print(f"{len(cases)} cases -> {dest}")


if __name__ == "__main__":
    main()
