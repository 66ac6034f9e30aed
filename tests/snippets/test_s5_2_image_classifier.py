"""5.2 image classifier: the article's code, on circles vs squares drawn in a temporary folder."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]


# The article's own `input_shape=` makes Keras 3 warn; expected here (the Keras 3 tab shows the fix).
pytestmark = pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`:UserWarning")


@pytest.fixture(scope="module")
def run():
    """Importing the module runs it (its article lines are module-level statements)."""
    cwd = os.getcwd()
    module = importlib.import_module("snippets.s5_2_image_classifier")
    assert os.getcwd() == cwd, "the module must return to the working directory it started in"
    return module


def test_images_are_drawn_in_a_temporary_folder_and_removed(run):
    assert not Path(run.workdir.name).exists()
    assert not Path(run.workdir.name).is_relative_to(ROOT)
    assert not (ROOT / "train").exists() and not (ROOT / "test").exists()


def test_generators_see_two_classes(run):
    assert run.train_generator.class_indices == {"circle": 0, "square": 1}
    assert run.train_generator.samples == 64
    assert run.test_generator.samples == 40
    assert run.train_generator.image_shape == (150, 150, 3)


def test_model_has_the_articles_layer_shapes(run):
    shapes = [layer.output.shape for layer in run.model.layers]
    assert shapes == [(None, 148, 148, 32), (None, 74, 74, 32), (None, 74 * 74 * 32), (None, 128), (None, 1)]


def test_training_lowers_the_loss(run):
    losses = run.model.history.history["loss"]
    assert len(losses) == 10
    assert losses[-1] < 0.2 * losses[0], losses


def test_predictions_beat_chance_on_held_out_images(run):
    assert run.predictions.shape == (40, 1)
    assert np.all((run.predictions >= 0) & (run.predictions <= 1))
    accuracy = np.mean((run.predictions[:, 0] > 0.5) == (run.test_generator.classes == 1))
    assert accuracy >= 0.9, accuracy
