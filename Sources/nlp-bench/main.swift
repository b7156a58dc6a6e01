print("nlp-bench: no benchmarks yet")
