"""4.3 Example: binary classification (the article's code + the data this site supplies for it, ready to run).

Run:  python -m snippets.s4_3_binary_classifier   (or python snippets/s4_3_binary_classifier.py)

Design (ours): the article's lines are module-level statements, so they stay at
module level, byte-identical and unindented, between the `article` section
markers; the page shows exactly that section. The article never defines
`x_train`, `y_train`, `x_test`, so the set-up above the section
makes them: synthetic 28x28 "images" flattened to 784 features, class 1 with a
bright vertical bar, class 0 with a horizontal one, plus noise. The lines below
the section report how the trained model does on held-out data and draw the
run's figures (snippets/figures.py).

Consequence: importing this module runs the article's code (training takes a
few seconds on CPU); tests import it once per test module and inspect `model`,
`predictions`, `x_test`, `y_test`.
"""

# Added by this site (from here to the original code): the article does not define x_train, y_train or x_test;
# reproducible synthetic data supply them here, so running it downloads nothing.
import keras
import numpy as np

# Added by this site: the plotting functions are in snippets/figures.py; run outside the snippets package
# (this file run directly, or the notebook outside the repository), they are imported from figures.py beside it.
try:
    from snippets.figures import show_image_grid, show_model, show_training
except ModuleNotFoundError:
    from figures import show_image_grid, show_model, show_training

keras.utils.set_random_seed(0)  # fixed random seed: reproducible results


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


x_train, y_train = make_bars(1000, seed=1)
x_test, y_test = make_bars(200, seed=2)  # y_test is used only in the evaluation after the original code

# —— The article's original code follows, unchanged but for its comments, translated ——
# --8<-- [start:article]
# Import the necessary libraries
import tensorflow as tf
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense

# Define the model
model = Sequential()
model.add(Dense(64, activation='relu', input_shape=(784,)))
model.add(Dense(1, activation='sigmoid'))

# Compile the model
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])

# Train the model
model.fit(x_train, y_train, epochs=10, batch_size=32)

# Predict
predictions = model.predict(x_test)
# --8<-- [end:article]
# —— End of the article's original code ——

# Added by this site: a look at the predictions. predictions: each sample's probability of the positive class (class 1).
accuracy = float(np.mean((predictions[:, 0] > 0.5) == (y_test == 1)))
print("predictions.shape:", predictions.shape)
print("前 5 个预测概率:", [round(float(p), 3) for p in predictions[:5, 0]])
print("前 5 个真实标签:", y_test[:5].astype(int).tolist())
print(f"测试集准确率: {accuracy:.3f}")

# Added by this site: draw this run as figures (training curves, test data, model structure). The article's model.fit(...)
# keeps no return value; Keras keeps the History of the latest training on model.history.
show_training(model.history)
show_image_grid(x_test.reshape(-1, 28, 28), y_test, predictions, class_names=("横线", "竖线"))
show_model(model)
