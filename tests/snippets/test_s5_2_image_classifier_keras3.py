"""5.2 in Keras 3 style: image_dataset_from_directory + Rescaling, no deprecation warnings."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras3_checks import warnings_are_errors

from snippets import s5_2_image_classifier_keras3 as snippet


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("shapes")
    snippet.draw_shapes(str(root / "train"), per_class=32, seed=1)
    snippet.draw_shapes(str(root / "test"), per_class=20, seed=2)
    return root


@pytest.fixture(scope="module")
def trained(folder):
    keras.utils.set_random_seed(0)
    options = dict(image_size=(150, 150), batch_size=32, label_mode="binary")
    with warnings_are_errors():
        train_ds = keras.utils.image_dataset_from_directory(folder / "train", seed=0, **options)
        test_ds = keras.utils.image_dataset_from_directory(folder / "test", shuffle=False, **options)
        model = snippet.build_model()
        history = model.fit(train_ds, epochs=10, shuffle=False, verbose=0)
        predictions = model.predict(test_ds, verbose=0)
    labels = np.concatenate([y for _, y in test_ds])[:, 0]
    return model, history, predictions, labels


def test_drawn_images_are_two_classes_of_150x150(folder):
    for shape in ("circle", "square"):
        files = sorted((folder / "train" / shape).glob("*.png"))
        assert len(files) == 32
        assert keras.utils.load_img(files[0]).size == (150, 150)


def test_rescaling_is_part_of_the_model():
    model = snippet.build_model()
    assert type(model.layers[0]).__name__ == "Rescaling"
    shapes = [layer.output.shape for layer in model.layers[1:]]
    assert shapes == [(None, 148, 148, 32), (None, 74, 74, 32), (None, 175232), (None, 128), (None, 1)]


def test_training_lowers_the_loss(trained):
    losses = trained[1].history["loss"]
    assert losses[-1] < 0.2 * losses[0], losses


def test_held_out_accuracy(trained):
    _, _, predictions, labels = trained
    assert predictions.shape == (40, 1)
    assert np.all((predictions >= 0) & (predictions <= 1))
    assert np.mean((predictions[:, 0] > 0.5) == (labels == 1)) >= 0.9
