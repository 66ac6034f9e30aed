"""4.3 in Keras 3 style: importable without training; main() runs with no deprecation warnings."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras3_checks import warnings_are_errors

from snippets import s4_3_binary_classifier_keras3 as snippet


@pytest.fixture(scope="module")
def trained():
    keras.utils.set_random_seed(0)
    x_train, y_train = snippet.make_bars(1000, seed=1)
    with warnings_are_errors():
        model = snippet.build_model()
        history = model.fit(x_train, y_train, epochs=10, batch_size=32, verbose=0)
    return model, history


def test_same_layer_shapes_as_the_article():
    model = snippet.build_model()
    assert model.input_shape == (None, 784)
    assert [layer.output.shape for layer in model.layers] == [(None, 64), (None, 1)]


def test_training_lowers_the_loss(trained):
    losses = trained[1].history["loss"]
    assert losses[-1] < 0.2 * losses[0], losses


def test_held_out_accuracy(trained):
    x_test, y_test = snippet.make_bars(200, seed=2)
    predictions = trained[0].predict(x_test, verbose=0)
    assert predictions.shape == (200, 1)
    assert np.mean((predictions[:, 0] > 0.5) == (y_test == 1)) >= 0.9


def test_main_prints_its_results_without_warnings(capsys):
    with warnings_are_errors():
        snippet.main()
    out = capsys.readouterr().out
    assert "predictions.shape: (200, 1)" in out
    assert "测试集 loss" in out
