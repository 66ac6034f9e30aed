"""4.3 binary classifier: the article's module-level code trains on our synthetic 784-feature data."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

# The article's own `input_shape=` makes Keras 3 warn; expected here (the Keras 3 tab shows the fix).
pytestmark = pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`:UserWarning")


@pytest.fixture(scope="module")
def run():
    """Importing the module runs it (its article lines are module-level statements)."""
    return importlib.import_module("snippets.s4_3_binary_classifier")


def test_set_up_supplies_what_the_article_uses(run):
    assert run.x_train.shape == (1000, 784) and run.y_train.shape == (1000,)
    assert run.x_test.shape == (200, 784)
    assert set(np.unique(run.y_train)) == {0.0, 1.0}


def test_model_has_the_articles_layer_shapes(run):
    assert run.model.input_shape == (None, 784)
    assert [layer.output.shape for layer in run.model.layers] == [(None, 64), (None, 1)]
    assert run.model.loss == "binary_crossentropy"


def test_training_lowers_the_loss(run):
    losses = run.model.history.history["loss"]
    assert len(losses) == 10  # the article's epochs=10
    assert losses[-1] < 0.2 * losses[0], losses


def test_predictions_are_probabilities_that_beat_chance_on_held_out_data(run):
    assert run.predictions.shape == (200, 1)
    assert np.all((run.predictions >= 0) & (run.predictions <= 1))
    accuracy = np.mean((run.predictions[:, 0] > 0.5) == (run.y_test == 1))
    assert accuracy >= 0.9, accuracy
