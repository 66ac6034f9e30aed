"""3.1 Principles of deep learning algorithms: the article's DeepLearningModel class, really trained once on synthetic data.

Run:  python -m snippets.s3_1_deep_learning_model   (or python snippets/s3_1_deep_learning_model.py)

Design (ours): the article's class sits at module level between the `article`
section markers, byte-identical. The article calls `tensorflow.keras…` but
never imports `tensorflow`, so the set-up above the section does.
`main()` below the section makes data on which learning is possible (three
Gaussian clusters in 20 dimensions, labels one-hot for the article's
`categorical_crossentropy`), trains briefly, prints predictions and draws the
run's figures (snippets/figures.py). Importing
the module only defines things; nothing trains until `main()` runs.
"""

# Added by this site: the article's code uses tensorflow.keras but never imports tensorflow.
import keras
import numpy as np
import tensorflow

# Added by this site: the plotting functions are in snippets/figures.py; run outside the snippets package
# (this file run directly, or the notebook outside the repository), they are imported from figures.py beside it.
try:
    from snippets.figures import show_clusters, show_model, show_training
except ModuleNotFoundError:
    from figures import show_clusters, show_model, show_training

# —— The article's original code follows, unchanged but for its comments, translated ——
# --8<-- [start:article]
# Define the deep learning model
class DeepLearningModel:
    def __init__(self, input_dim, hidden_dim, output_dim):
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim
        self.output_dim = output_dim
        self.model = self.build_model()

    def build_model(self):
        model = tensorflow.keras.Sequential([
            tensorflow.keras.layers.Dense(self.hidden_dim, activation='relu', input_shape=(self.input_dim,)),
            tensorflow.keras.layers.Dense(self.output_dim, activation='softmax')
        ])
        return model

    def train(self, x_train, y_train, epochs):
        self.model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])
        self.model.fit(x_train, y_train, epochs=epochs)

    def predict(self, x_test):
        return self.model.predict(x_test)
# --8<-- [end:article]
# —— End of the article's original code ——


# Added by this site: synthetic data, and one real run of training and prediction.
def make_clusters(n, input_dim=20, num_classes=3, seed=0):
    """n samples of input_dim dimensions from num_classes Gaussian clusters; labels one-hot."""
    rng = np.random.default_rng(seed)
    centers = np.random.default_rng(42).normal(0.0, 1.0, size=(num_classes, input_dim))
    labels = rng.integers(0, num_classes, size=n)
    x = centers[labels] + rng.normal(0.0, 0.7, size=(n, input_dim))
    return x.astype("float32"), keras.utils.to_categorical(labels, num_classes)


def main():
    keras.utils.set_random_seed(0)  # fixed random seed: reproducible results
    x_train, y_train = make_clusters(600, seed=1)
    x_test, y_test = make_clusters(6, seed=2)

    dl = DeepLearningModel(input_dim=20, hidden_dim=32, output_dim=3)
    dl.train(x_train, y_train, epochs=5)
    probabilities = dl.predict(x_test)

    print("predict() 输出形状:", probabilities.shape)
    for p, truth in zip(probabilities, y_test.argmax(axis=1)):
        print("各类概率", [round(float(v), 3) for v in p], "→ 预测", int(p.argmax()), "真实", int(truth))

    # Draw this run as figures. The article's train() does not return what fit() returns; Keras keeps it on model.history.
    show_training(dl.model.history)
    show_clusters(x_train, y_train)
    show_model(dl.model)


if __name__ == "__main__":
    main()
