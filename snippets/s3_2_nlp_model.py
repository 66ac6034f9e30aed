"""3.2 自然语言处理算法原理：文章的 NLPModel 类，用合成的词序列真的训练一次。

Run:  python -m snippets.s3_2_nlp_model   (or python snippets/s3_2_nlp_model.py)

Design (ours): the article's class sits at module level between the `article`
section markers, byte-identical; the set-up above it supplies the missing
`import tensorflow`. `main()` below the section makes "sentences"
of token ids whose label depends on which tokens occur (label 1 = at least one
of the "positive" tokens 1–5 appears), trains briefly, prints predictions and
draws the run's figures (snippets/figures.py).
Importing the module only defines things; nothing trains until `main()` runs.
"""

# 本站添加：文章的代码用到 tensorflow.keras，却没有 import tensorflow。
import keras
import numpy as np
import tensorflow

# 本站添加：画图函数在 snippets/figures.py。不经 snippets 包运行时（直接运行本文件，
# 或在仓库外运行笔记本），从同一目录下的 figures.py 导入。
try:
    from snippets.figures import show_model, show_token_table, show_training
except ModuleNotFoundError:
    from figures import show_model, show_token_table, show_training

# —— 以下是文章原文代码，一字未改 ——
# --8<-- [start:article]
# 定义自然语言处理模型
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
# —— 原文代码结束 ——


# 本站添加：合成数据与一次真实的训练、预测。
VOCAB_SIZE = 50
POSITIVE_TOKENS = [1, 2, 3, 4, 5]  # 出现其中任何一个，标签就是 1


def make_sentences(n, length=12, seed=0):
    """n 个长度为 length 的词 id 序列；一半含“正面”词（标签 1），一半不含（标签 0）。"""
    rng = np.random.default_rng(seed)
    x = rng.integers(6, VOCAB_SIZE, size=(n, length))
    labels = np.arange(n) % 2
    for i in np.flatnonzero(labels):
        spots = rng.choice(length, size=rng.integers(1, 3), replace=False)
        x[i, spots] = rng.choice(POSITIVE_TOKENS, size=len(spots))
    return x.astype("int32"), keras.utils.to_categorical(labels, 2)


def main():
    keras.utils.set_random_seed(0)  # 固定随机种子，结果可复现
    x_train, y_train = make_sentences(1000, seed=1)
    x_test, y_test = make_sentences(6, seed=2)

    nlp = NLPModel(vocab_size=VOCAB_SIZE, embedding_dim=16, hidden_dim=32, output_dim=2)
    nlp.train(x_train, y_train, epochs=8)
    probabilities = nlp.predict(x_test)

    print("predict() 输出形状:", probabilities.shape)
    for tokens, p, truth in zip(x_test, probabilities, y_test.argmax(axis=1)):
        print("词序列", tokens.tolist(), "→ P(标签 1) =", round(float(p[1]), 3), "真实标签", int(truth))

    # 把这次运行画成图。文章的 train() 没有返回 fit() 的结果；Keras 把它留在 model.history 上。
    show_training(nlp.model.history)
    show_token_table(x_test, y_test.argmax(axis=1), probabilities[:, 1], highlight=POSITIVE_TOKENS)
    show_model(nlp.model)


if __name__ == "__main__":
    main()
