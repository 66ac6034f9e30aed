"""3.1, Keras 3 version (written by this site): the same DeepLearningModel, in the idioms of TF 2.21 / Keras 3.

Run:  python -m snippets.s3_1_deep_learning_model_keras3

What changes against the article's version (snippets/s3_1_deep_learning_model.py):
`import keras` instead of `tensorflow.keras`, and the input shape is declared
with `keras.Input(shape=…)` as the first entry of `Sequential` instead of the
`input_shape=` argument that Keras 3 warns about. Same data, same training.
"""

import keras
import numpy as np

# Added by this site: the plotting functions are in snippets/figures.py; run outside the snippets package
# (this file run directly, or the notebook outside the repository), they are imported from figures.py beside it.
try:
    from snippets.figures import show_clusters, show_model, show_training
except ModuleNotFoundError:
    from figures import show_clusters, show_model, show_training


class DeepLearningModel:
    def __init__(self, input_dim, hidden_dim, output_dim):
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim
        self.output_dim = output_dim
        self.model = self.build_model()

    def build_model(self):
        return keras.Sequential([
            keras.Input(shape=(self.input_dim,)),
            keras.layers.Dense(self.hidden_dim, activation="relu"),
            keras.layers.Dense(self.output_dim, activation="softmax"),
        ])

    def train(self, x_train, y_train, epochs):
        self.model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        return self.model.fit(x_train, y_train, epochs=epochs, verbose=2)

    def predict(self, x_test):
        return self.model.predict(x_test, verbose=0)


def make_clusters(n, input_dim=20, num_classes=3, seed=0):
    """n samples of input_dim dimensions from num_classes Gaussian clusters; labels one-hot."""
    rng = np.random.default_rng(seed)
    centers = np.random.default_rng(42).normal(0.0, 1.0, size=(num_classes, input_dim))
    labels = rng.integers(0, num_classes, size=n)
    x = centers[labels] + rng.normal(0.0, 0.7, size=(n, input_dim))
    return x.astype("float32"), keras.utils.to_categorical(labels, num_classes)


def main():
    keras.utils.set_random_seed(0)
    x_train, y_train = make_clusters(600, seed=1)
    x_test, y_test = make_clusters(6, seed=2)

    dl = DeepLearningModel(input_dim=20, hidden_dim=32, output_dim=3)
    history = dl.train(x_train, y_train, epochs=5)
    probabilities = dl.predict(x_test)

    print("predict() 输出形状:", probabilities.shape)
    print("预测类别:", probabilities.argmax(axis=1).tolist())
    print("真实类别:", y_test.argmax(axis=1).tolist())

    show_training(history)
    show_clusters(x_train, y_train)
    show_model(dl.model)


if __name__ == "__main__":
    main()
