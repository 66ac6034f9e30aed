"""3.1 in Keras 3 style: same model, same data, no deprecation warnings."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras3_checks import warnings_are_errors

from snippets import s3_1_deep_learning_model_keras3 as snippet


@pytest.fixture(scope="module")
def trained():
    keras.utils.set_random_seed(0)
    x_train, y_train = snippet.make_clusters(600, seed=1)
    with warnings_are_errors():
        model = snippet.DeepLearningModel(input_dim=20, hidden_dim=32, output_dim=3)
        history = model.train(x_train, y_train, epochs=5)
    return model, history


def test_same_layer_shapes_as_the_article():
    with warnings_are_errors():
        built = snippet.DeepLearningModel(input_dim=20, hidden_dim=32, output_dim=3).model
    assert built.input_shape == (None, 20)
    assert [layer.output.shape for layer in built.layers] == [(None, 32), (None, 3)]


def test_training_lowers_the_loss(trained):
    losses = trained[1].history["loss"]
    assert losses[-1] < 0.5 * losses[0], losses


def test_predictions_beat_chance(trained):
    x_test, y_test = snippet.make_clusters(300, seed=2)
    with warnings_are_errors():
        probabilities = trained[0].predict(x_test)
    assert probabilities.shape == (300, 3)
    assert np.mean(probabilities.argmax(axis=1) == y_test.argmax(axis=1)) >= 0.9
