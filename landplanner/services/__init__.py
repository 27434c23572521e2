"""The pipelines every view calls (app, CLI, Excel export, print): one function per question.

* :mod:`landplanner.services.scoring` — score a project's enterprises for a year, with the
  join problems and the basis of every benchmark (:func:`~.scoring.score_project`);
* :mod:`landplanner.services.indicators` — add a department's indicator table to the
  project's years, saying what changes (:func:`~.indicators.add_indicators`).

No Qt here; heavy functions take ``progress(fraction, message) -> bool`` and raise
``InputError`` with code ``cancelled`` when it returns False.
"""
