"""4.3, Keras 3 version (written by this site): the same model for binary classification, in the idioms of TF 2.21 / Keras 3.

Run:  python -m snippets.s4_3_binary_classifier_keras3

What changes against the article's version (snippets/s4_3_binary_classifier.py):
`import keras`; the model is one `keras.Sequential([...])` whose first entry is
`keras.Input(shape=(784,))` instead of `input_shape=`; training keeps 20 % of
the data for validation and returns its `History`. Unlike the article's module
this one is importable without training: the work happens in `main()`.
"""

import keras
import numpy as np

# Added by this site: the plotting functions are in snippets/figures.py; run outside the snippets package
# (this file run directly, or the notebook outside the repository), they are imported from figures.py beside it.
try:
    from snippets.figures import show_image_grid, show_model, show_training
except ModuleNotFoundError:
    from figures import show_image_grid, show_model, show_training


def make_bars(n, seed):
    """n synthetic 28x28 images (flattened to 784 dimensions): class 1 has a vertical line, class 0 a horizontal one."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 0.3, size=(n, 28, 28)).astype("float32")
    y = np.arange(n) % 2
    where = rng.integers(4, 24, size=n)
    for i in range(n):
        if y[i] == 1:
            x[i, :, where[i]] = 1.0
        else:
            x[i, where[i], :] = 1.0
    return x.reshape(n, 784), y.astype("float32")


def build_model():
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def main():
    keras.utils.set_random_seed(0)
    x_train, y_train = make_bars(1000, seed=1)
    x_test, y_test = make_bars(200, seed=2)

    model = build_model()
    history = model.fit(x_train, y_train, epochs=10, batch_size=32, validation_split=0.2, verbose=2)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    predictions = model.predict(x_test, verbose=0)

    print("predictions.shape:", predictions.shape)
    print(f"测试集 loss: {loss:.4f}，准确率: {accuracy:.3f}")

    show_training(history)
    show_image_grid(x_test.reshape(-1, 28, 28), y_test, predictions, class_names=("横线", "竖线"))
    show_model(model)


if __name__ == "__main__":
    main()
