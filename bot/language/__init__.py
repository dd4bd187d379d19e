"""The language layer: a trained parser and entity recogniser (spaCy), loaded once and shared by fact
extraction, so clauses are read from grammar rather than from capital letters and word windows."""
