"""3.2, Keras 3 version (written by this site): the same NLPModel, in the idioms of TF 2.21 / Keras 3.

Run:  python -m snippets.s3_2_nlp_model_keras3

What changes against the article's version (snippets/s3_2_nlp_model.py):
`import keras` instead of `tensorflow.keras`, and a `keras.Input` of integer
token ids (any length) as the first entry of `Sequential`, so the model is
built, and `summary()` works, before it sees data. Same data, same training.
"""

import keras
import numpy as np

# Added by this site: the plotting functions are in snippets/figures.py; run outside the snippets package
# (this file run directly, or the notebook outside the repository), they are imported from figures.py beside it.
try:
    from snippets.figures import show_model, show_token_table, show_training
except ModuleNotFoundError:
    from figures import show_model, show_token_table, show_training


class NLPModel:
    def __init__(self, vocab_size, embedding_dim, hidden_dim, output_dim):
        self.vocab_size = vocab_size
        self.embedding_dim = embedding_dim
        self.hidden_dim = hidden_dim
        self.output_dim = output_dim
        self.model = self.build_model()

    def build_model(self):
        return keras.Sequential([
            keras.Input(shape=(None,), dtype="int32"),
            keras.layers.Embedding(self.vocab_size, self.embedding_dim),
            keras.layers.LSTM(self.hidden_dim),
            keras.layers.Dense(self.output_dim, activation="softmax"),
        ])

    def train(self, x_train, y_train, epochs):
        self.model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        return self.model.fit(x_train, y_train, epochs=epochs, verbose=2)

    def predict(self, x_test):
        return self.model.predict(x_test, verbose=0)


VOCAB_SIZE = 50
POSITIVE_TOKENS = [1, 2, 3, 4, 5]  # if any one of these occurs, the label is 1


def make_sentences(n, length=12, seed=0):
    """n sequences of length token ids; half contain a “positive” token (label 1), half do not (label 0)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(6, VOCAB_SIZE, size=(n, length))
    labels = np.arange(n) % 2
    for i in np.flatnonzero(labels):
        spots = rng.choice(length, size=rng.integers(1, 3), replace=False)
        x[i, spots] = rng.choice(POSITIVE_TOKENS, size=len(spots))
    return x.astype("int32"), keras.utils.to_categorical(labels, 2)


def main():
    keras.utils.set_random_seed(0)
    x_train, y_train = make_sentences(1000, seed=1)
    x_test, y_test = make_sentences(6, seed=2)

    nlp = NLPModel(vocab_size=VOCAB_SIZE, embedding_dim=16, hidden_dim=32, output_dim=2)
    nlp.model.summary()
    history = nlp.train(x_train, y_train, epochs=8)
    probabilities = nlp.predict(x_test)

    print("predict() 输出形状:", probabilities.shape)
    print("P(标签 1):", [round(float(p), 3) for p in probabilities[:, 1]])
    print("真实标签:", y_test.argmax(axis=1).tolist())

    show_training(history)
    show_token_table(x_test, y_test.argmax(axis=1), probabilities[:, 1], highlight=POSITIVE_TOKENS)
    show_model(nlp.model)


if __name__ == "__main__":
    main()
