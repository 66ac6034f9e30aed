"""3.2 in Keras 3 style: a built model (keras.Input of token ids), no deprecation warnings."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras3_checks import warnings_are_errors

from snippets import s3_2_nlp_model_keras3 as snippet


@pytest.fixture(scope="module")
def trained():
    keras.utils.set_random_seed(0)
    x_train, y_train = snippet.make_sentences(1000, seed=1)
    with warnings_are_errors():
        model = snippet.NLPModel(vocab_size=snippet.VOCAB_SIZE, embedding_dim=16, hidden_dim=32, output_dim=2)
        history = model.train(x_train, y_train, epochs=8)
    return model, history


def test_model_is_built_before_it_sees_data():
    with warnings_are_errors():
        model = snippet.NLPModel(vocab_size=50, embedding_dim=16, hidden_dim=32, output_dim=2).model
    assert model.built
    assert [layer.output.shape for layer in model.layers] == [(None, None, 16), (None, 32), (None, 2)]


def test_training_lowers_the_loss(trained):
    losses = trained[1].history["loss"]
    assert losses[-1] < 0.25 * losses[0], losses


def test_predictions_beat_chance(trained):
    x_test, y_test = snippet.make_sentences(200, seed=2)
    with warnings_are_errors():
        probabilities = trained[0].predict(x_test)
    assert probabilities.shape == (200, 2)
    assert np.mean(probabilities.argmax(axis=1) == y_test.argmax(axis=1)) >= 0.9
