"""The seed plans' data words, strictly: every Finnish word of data/kainuu and
data/pohjois-karjala is known to Voikko or on the reviewed word list (data/sanasto.txt).
In make validate the same words are only warnings, so a staff member adding a new name is
never stopped; here a transcription typo ("avustuksta") fails."""

from __future__ import annotations

from ngoplan.check.dataset import load_dataset
from ngoplan.spelling import check_spelling

from .conftest import ROOT

SEEDS = ("kainuu", "pohjois-karjala")


def test_seed_data_words_are_known():
    dataset, errors = load_dataset(ROOT)
    assert errors == []
    unknown = [f.format() for f in check_spelling(dataset)
               if any(f.file.startswith(f"data/{seed}/") for seed in SEEDS)]
    assert unknown == []
