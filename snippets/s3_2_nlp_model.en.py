"""3.2 Principles of natural language processing algorithms: the article's NLPModel class, really trained once on synthetic token sequences.

Run:  python -m snippets.s3_2_nlp_model   (or python snippets/s3_2_nlp_model.py)

Design (ours): the article's class sits at module level between the `article`
section markers, byte-identical; the set-up above it supplies the missing
`import tensorflow`. `main()` below the section makes "sentences"
of token ids whose label depends on which tokens occur (label 1 = at least one
of the "positive" tokens 1–5 appears), trains briefly, prints predictions and
draws the run's figures (snippets/figures.py).
Importing the module only defines things; nothing trains until `main()` runs.
"""

# Added by this site: the article's code uses tensorflow.keras but never imports tensorflow.
import keras
import numpy as np
import tensorflow

# Added by this site: the plotting functions are in snippets/figures.py; run outside the snippets package
# (this file run directly, or the notebook outside the repository), they are imported from figures.py beside it.
try:
    from snippets.figures import show_model, show_token_table, show_training
except ModuleNotFoundError:
    from figures import show_model, show_token_table, show_training

# —— The article's original code follows, unchanged but for its comments, translated ——
# --8<-- [start:article]
# Define the natural language processing model
class NLPModel:
    def __init__(self, vocab_size, embedding_dim, hidden_dim, output_dim):
        self.vocab_size = vocab_size
        self.embedding_dim = embedding_dim
        self.hidden_dim = hidden_dim
        self.output_dim = output_dim
        self.model = self.build_model()

    def build_model(self):
        model = tensorflow.keras.Sequential([
            tensorflow.keras.layers.Embedding(self.vocab_size, self.embedding_dim),
            tensorflow.keras.layers.LSTM(self.hidden_dim),
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
    keras.utils.set_random_seed(0)  # fixed random seed: reproducible results
    x_train, y_train = make_sentences(1000, seed=1)
    x_test, y_test = make_sentences(6, seed=2)

    nlp = NLPModel(vocab_size=VOCAB_SIZE, embedding_dim=16, hidden_dim=32, output_dim=2)
    nlp.train(x_train, y_train, epochs=8)
    probabilities = nlp.predict(x_test)

    print("predict() 输出形状:", probabilities.shape)
    for tokens, p, truth in zip(x_test, probabilities, y_test.argmax(axis=1)):
        print("词序列", tokens.tolist(), "→ P(标签 1) =", round(float(p[1]), 3), "真实标签", int(truth))

    # Draw this run as figures. The article's train() does not return what fit() returns; Keras keeps it on model.history.
    show_training(nlp.model.history)
    show_token_table(x_test, y_test.argmax(axis=1), probabilities[:, 1], highlight=POSITIVE_TOKENS)
    show_model(nlp.model)


if __name__ == "__main__":
    main()
