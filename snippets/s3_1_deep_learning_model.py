"""3.1 深度学习算法原理：文章的 DeepLearningModel 类，用合成数据真的训练一次。

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

# 本站添加：文章的代码用到 tensorflow.keras，却没有 import tensorflow。
import keras
import numpy as np
import tensorflow

# 本站添加：画图函数在 snippets/figures.py。不经 snippets 包运行时（直接运行本文件，
# 或在仓库外运行笔记本），从同一目录下的 figures.py 导入。
try:
    from snippets.figures import show_clusters, show_model, show_training
except ModuleNotFoundError:
    from figures import show_clusters, show_model, show_training

# —— 以下是文章原文代码，一字未改 ——
# --8<-- [start:article]
# 定义深度学习模型
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
# —— 原文代码结束 ——


# 本站添加：合成数据与一次真实的训练、预测。
def make_clusters(n, input_dim=20, num_classes=3, seed=0):
    """n 个 input_dim 维样本，分属 num_classes 个高斯簇；标签为 one-hot。"""
    rng = np.random.default_rng(seed)
    centers = np.random.default_rng(42).normal(0.0, 1.0, size=(num_classes, input_dim))
    labels = rng.integers(0, num_classes, size=n)
    x = centers[labels] + rng.normal(0.0, 0.7, size=(n, input_dim))
    return x.astype("float32"), keras.utils.to_categorical(labels, num_classes)


def main():
    keras.utils.set_random_seed(0)  # 固定随机种子，结果可复现
    x_train, y_train = make_clusters(600, seed=1)
    x_test, y_test = make_clusters(6, seed=2)

    dl = DeepLearningModel(input_dim=20, hidden_dim=32, output_dim=3)
    dl.train(x_train, y_train, epochs=5)
    probabilities = dl.predict(x_test)

    print("predict() 输出形状:", probabilities.shape)
    for p, truth in zip(probabilities, y_test.argmax(axis=1)):
        print("各类概率", [round(float(v), 3) for v in p], "→ 预测", int(p.argmax()), "真实", int(truth))

    # 把这次运行画成图。文章的 train() 没有返回 fit() 的结果；Keras 把它留在 model.history 上。
    show_training(dl.model.history)
    show_clusters(x_train, y_train)
    show_model(dl.model)


if __name__ == "__main__":
    main()
