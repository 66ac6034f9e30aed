"""3.1 DeepLearningModel: the article's class builds, learns and predicts probabilities."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from snippets import s3_1_deep_learning_model as snippet

# The article's own `input_shape=` makes Keras 3 warn; expected here (the Keras 3 tab shows the fix).
pytestmark = pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`:UserWarning")


@pytest.fixture(scope="module")
def trained():
    keras.utils.set_random_seed(0)
    x_train, y_train = snippet.make_clusters(600, seed=1)
    model = snippet.DeepLearningModel(input_dim=20, hidden_dim=32, output_dim=3)
    model.train(x_train, y_train, epochs=5)
    return model


def test_importing_defines_the_class_without_training():
    assert snippet.DeepLearningModel.__module__ == "snippets.s3_1_deep_learning_model"
    assert not hasattr(snippet, "model")  # nothing ran at import


def test_model_has_the_articles_layer_shapes():
    with pytest.warns(UserWarning, match="input_shape"):  # the article's `input_shape=`; the Keras 3 tab avoids it
        built = snippet.DeepLearningModel(input_dim=20, hidden_dim=32, output_dim=3).model
    assert built.input_shape == (None, 20)
    assert [layer.output.shape for layer in built.layers] == [(None, 32), (None, 3)]
    assert [layer.activation.__name__ for layer in built.layers] == ["relu", "softmax"]
    assert built.count_params() == 20 * 32 + 32 + 32 * 3 + 3


def test_training_lowers_the_loss(trained):
    losses = trained.model.history.history["loss"]
    assert len(losses) == 5
    assert losses[-1] < 0.5 * losses[0], losses


def test_predictions_are_class_probabilities_that_beat_chance(trained):
    x_test, y_test = snippet.make_clusters(300, seed=2)
    probabilities = trained.predict(x_test)
    assert probabilities.shape == (300, 3)
    assert np.all((probabilities >= 0) & (probabilities <= 1))
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    accuracy = np.mean(probabilities.argmax(axis=1) == y_test.argmax(axis=1))
    assert accuracy >= 0.9, accuracy  # chance is 1/3
