"""3.2 NLPModel: the article's class learns which tokens decide the label."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from snippets import s3_2_nlp_model as snippet


@pytest.fixture(scope="module")
def trained():
    keras.utils.set_random_seed(0)
    x_train, y_train = snippet.make_sentences(1000, seed=1)
    model = snippet.NLPModel(vocab_size=snippet.VOCAB_SIZE, embedding_dim=16, hidden_dim=32, output_dim=2)
    model.train(x_train, y_train, epochs=8)
    return model


def test_synthetic_labels_depend_on_which_tokens_occur():
    x, y = snippet.make_sentences(200, seed=5)
    has_positive = np.isin(x, snippet.POSITIVE_TOKENS).any(axis=1)
    assert np.array_equal(has_positive, y.argmax(axis=1) == 1)
    assert 0.4 < has_positive.mean() < 0.6


def test_model_has_the_articles_layers_and_shapes():
    model = snippet.NLPModel(vocab_size=50, embedding_dim=16, hidden_dim=32, output_dim=2).model
    assert [type(layer).__name__ for layer in model.layers] == ["Embedding", "LSTM", "Dense"]
    shape, shapes = (None, 12), []
    for layer in model.layers:
        shape = tuple(layer.compute_output_shape(shape))
        shapes.append(shape)
    assert shapes == [(None, 12, 16), (None, 32), (None, 2)]
    assert model(np.zeros((3, 12), dtype="int32")).shape == (3, 2)


def test_training_lowers_the_loss(trained):
    losses = trained.model.history.history["loss"]
    assert losses[-1] < 0.25 * losses[0], losses


def test_predictions_are_probabilities_that_beat_chance(trained):
    x_test, y_test = snippet.make_sentences(200, seed=2)
    probabilities = trained.predict(x_test)
    assert probabilities.shape == (200, 2)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    accuracy = np.mean(probabilities.argmax(axis=1) == y_test.argmax(axis=1))
    assert accuracy >= 0.9, accuracy
