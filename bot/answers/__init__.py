"""Where an answer is chosen. One pipeline, read top to bottom in `pipeline.py`:

understand the question (`question.py`, `answer_types.py`) → retrieve (bot.knowledge.retrieval) →
gather candidate sentences with their context (`candidates.py`) → score them with a fitted model
(`features.py`, `model.py`) → select and compose (`selection.py`) → verify → or refuse with the closest
articles. Source questions, summaries, visit and deal lists and plain extraction are `strategies.py`,
tried in order; each answers, refuses with a reason, or passes. `training.py` refits the model
(`attache train`), and every answer carries an `Explanation` (`attache ask --explain`).
"""
