"""5.2, Keras 3 version (written by this site): the same model for image classification, without the deprecated ImageDataGenerator.

Run:  python -m snippets.s5_2_image_classifier_keras3

What changes against the article's version (snippets/s5_2_image_classifier.py):
images are read with `keras.utils.image_dataset_from_directory` (a `tf.data`
pipeline) instead of the legacy `ImageDataGenerator`, and the 1/255 scaling is
a `keras.layers.Rescaling` layer inside the model, so the saved model carries
its own preprocessing; the input shape comes from `keras.Input`. The images
are drawn the same way, in a temporary directory that is removed afterwards.
"""

import os
import tempfile

import keras
import numpy as np
from PIL import Image, ImageDraw

# Added by this site: the plotting functions are in snippets/figures.py; run outside the snippets package
# (this file run directly, or the notebook outside the repository), they are imported from figures.py beside it.
try:
    from snippets.figures import show_image_grid, show_model, show_training
except ModuleNotFoundError:
    from figures import show_image_grid, show_model, show_training


def draw_shapes(folder, per_class, seed):
    """Draw per_class 150x150 images in each of folder/circle and folder/square."""
    rng = np.random.default_rng(seed)
    for shape in ("circle", "square"):
        os.makedirs(os.path.join(folder, shape))
        for i in range(per_class):
            image = Image.new("RGB", (150, 150), (0, 0, 0))
            r = int(rng.integers(40, 56))  # radius / half the side
            cx, cy = (int(c) for c in rng.integers(70, 81, size=2))  # slightly off center
            grey = int(rng.integers(150, 256))
            box = (cx - r, cy - r, cx + r, cy + r)
            if shape == "circle":
                ImageDraw.Draw(image).ellipse(box, fill=(grey, grey, grey))
            else:
                ImageDraw.Draw(image).rectangle(box, fill=(grey, grey, grey))
            image.save(os.path.join(folder, shape, f"{i:03d}.png"))


def build_model():
    model = keras.Sequential([
        keras.Input(shape=(150, 150, 3)),
        keras.layers.Rescaling(1.0 / 255),
        keras.layers.Conv2D(32, (3, 3), activation="relu"),
        keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def main():
    keras.utils.set_random_seed(0)
    with tempfile.TemporaryDirectory(prefix="s5_2_images_") as folder:
        draw_shapes(os.path.join(folder, "train"), per_class=32, seed=1)
        draw_shapes(os.path.join(folder, "test"), per_class=20, seed=2)
        options = dict(image_size=(150, 150), batch_size=32, label_mode="binary")
        train_ds = keras.utils.image_dataset_from_directory(os.path.join(folder, "train"), seed=0, **options)
        test_ds = keras.utils.image_dataset_from_directory(os.path.join(folder, "test"), shuffle=False, **options)

        model = build_model()
        # train_ds shuffles itself every epoch; fit's shuffle has no effect on tf.data, so it is turned off explicitly to avoid a warning.
        history = model.fit(train_ds, epochs=10, shuffle=False, verbose=2)
        loss, accuracy = model.evaluate(test_ds, verbose=0)
        predictions = model.predict(test_ds, verbose=0)
        test_images = np.concatenate([images for images, _ in test_ds])  # read into memory: the temporary folder is deleted afterwards
        test_labels = np.concatenate([labels for _, labels in test_ds])

    print("类别:", train_ds.class_names)
    print("predictions.shape:", predictions.shape)
    print(f"测试集 loss: {loss:.4f}，准确率: {accuracy:.3f}")

    show_training(history)
    show_image_grid(test_images, test_labels, predictions, class_names=("圆形", "正方形"))
    show_model(model)


if __name__ == "__main__":
    main()
