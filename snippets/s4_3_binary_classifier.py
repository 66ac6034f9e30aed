"""4.3 举例说明：二元分类（文章代码 + 本站为其补上的数据，可直接运行）。

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

# 本站添加（以下至原文代码之前）：文章没有定义 x_train、y_train、x_test，
# 这里用可复现的合成数据补上，运行不需要下载任何东西。
import keras
import numpy as np

# 本站添加：画图函数在 snippets/figures.py。不经 snippets 包运行时（直接运行本文件，
# 或在仓库外运行笔记本），从同一目录下的 figures.py 导入。
try:
    from snippets.figures import show_image_grid, show_model, show_training
except ModuleNotFoundError:
    from figures import show_image_grid, show_model, show_training

keras.utils.set_random_seed(0)  # 固定随机种子，结果可复现


def make_bars(n, seed):
    """n 张 28x28 的合成图像（展平为 784 维）：类别 1 有一条竖线，类别 0 有一条横线。"""
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
x_test, y_test = make_bars(200, seed=2)  # y_test 只用于原文代码之后的评估

# —— 以下是文章原文代码，一字未改 ——
# --8<-- [start:article]
# 导入必要的库
import tensorflow as tf
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense

# 定义模型
model = Sequential()
model.add(Dense(64, activation='relu', input_shape=(784,)))
model.add(Dense(1, activation='sigmoid'))

# 编译模型
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])

# 训练模型
model.fit(x_train, y_train, epochs=10, batch_size=32)

# 预测
predictions = model.predict(x_test)
# --8<-- [end:article]
# —— 原文代码结束 ——

# 本站添加：看看预测结果。predictions 是每个样本属于正类（类别 1）的概率。
accuracy = float(np.mean((predictions[:, 0] > 0.5) == (y_test == 1)))
print("predictions.shape:", predictions.shape)
print("前 5 个预测概率:", [round(float(p), 3) for p in predictions[:5, 0]])
print("前 5 个真实标签:", y_test[:5].astype(int).tolist())
print(f"测试集准确率: {accuracy:.3f}")

# 本站添加：把这次运行画成图（训练曲线、测试数据、模型结构）。文章的 model.fit(...)
# 没有保存返回值；Keras 把最近一次训练的 History 留在 model.history 上。
show_training(model.history)
show_image_grid(x_test.reshape(-1, 28, 28), y_test, predictions, class_names=("横线", "竖线"))
show_model(model)
