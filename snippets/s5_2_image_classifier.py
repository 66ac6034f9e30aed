"""5.2 图像分类项目：文章的代码，在本站现画的一小批图像上真的跑一遍。

Run:  python -m snippets.s5_2_image_classifier   (or python snippets/s5_2_image_classifier.py)

Design (ours): the article's lines are module-level statements, so they stay at
module level, byte-identical and unindented, between the `article` section
markers; the page shows exactly that section. The article reads images from a
folder `train/` and predicts on a `test_generator` it never defines.
The set-up above the section therefore draws two visually distinct classes
with Pillow (filled circles vs filled squares, 150x150, random size, small
offset from the centre, random grey level) into `train/` and `test/` of a
temporary directory, changes into it, and builds `test_generator` the same
way the article builds its training generator (unshuffled, so `test_generator.classes` lines up with
`predictions`). The lines below the section report held-out accuracy, draw
the run's figures (snippets/figures.py), return to the previous working
directory and delete the images: nothing is left in the repository.

Consequence: importing this module runs the article's code (about 10–20 s on
two CPU cores); tests import it once and inspect `model`, `predictions`,
`test_generator`.
"""

# 本站添加（以下至原文代码之前）：文章没有提供 train/ 图像目录，也没有定义
# test_generator；这里在临时目录里现画两类图像（圆形、正方形）补上。
import os
import tempfile

import keras
import numpy as np
from PIL import Image, ImageDraw
from tensorflow.keras.preprocessing.image import ImageDataGenerator

# 本站添加：画图函数在 snippets/figures.py。不经 snippets 包运行时（直接运行本文件，
# 或在仓库外运行笔记本），从同一目录下的 figures.py 导入。
try:
    from snippets.figures import show_image_grid, show_model, show_training
except ModuleNotFoundError:
    from figures import show_image_grid, show_model, show_training

keras.utils.set_random_seed(0)  # 固定随机种子，结果可复现


def draw_shapes(folder, per_class, seed):
    """在 folder/circle 与 folder/square 下各画 per_class 张 150x150 的图。"""
    rng = np.random.default_rng(seed)
    for shape in ("circle", "square"):
        os.makedirs(os.path.join(folder, shape))
        for i in range(per_class):
            image = Image.new("RGB", (150, 150), (0, 0, 0))
            r = int(rng.integers(40, 56))  # 半径 / 半边长
            cx, cy = (int(c) for c in rng.integers(70, 81, size=2))  # 中心附近略有偏移
            grey = int(rng.integers(150, 256))
            box = (cx - r, cy - r, cx + r, cy + r)
            if shape == "circle":
                ImageDraw.Draw(image).ellipse(box, fill=(grey, grey, grey))
            else:
                ImageDraw.Draw(image).rectangle(box, fill=(grey, grey, grey))
            image.save(os.path.join(folder, shape, f"{i:03d}.png"))


workdir = tempfile.TemporaryDirectory(prefix="s5_2_images_")
previous_cwd = os.getcwd()
os.chdir(workdir.name)  # 文章用相对路径 'train'
draw_shapes("train", per_class=32, seed=1)
draw_shapes("test", per_class=20, seed=2)
test_generator = ImageDataGenerator(rescale=1./255).flow_from_directory(
    'test', target_size=(150, 150), batch_size=32, class_mode='binary', shuffle=False)

# —— 以下是文章原文代码，一字未改 ——
# --8<-- [start:article]
import tensorflow as tf
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense
from tensorflow.keras.preprocessing.image import ImageDataGenerator

# 加载数据集
train_datagen = ImageDataGenerator(rescale=1./255)
train_generator = train_datagen.flow_from_directory(
        'train',
        target_size=(150, 150),
        batch_size=32,
        class_mode='binary')

# 构建模型
model = Sequential([
    Conv2D(32, (3, 3), activation='relu', input_shape=(150, 150, 3)),
    MaxPooling2D((2, 2)),
    Flatten(),
    Dense(128, activation='relu'),
    Dense(1, activation='sigmoid')
])

# 编译模型
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])

# 训练模型
model.fit(train_generator, epochs=10)

# 预测
predictions = model.predict(test_generator)
# --8<-- [end:article]
# —— 原文代码结束 ——

# 本站添加：看看预测结果，然后回到原来的目录、删掉临时图像。
# predictions 是每张图属于类别 1 的概率；类别按文件夹名排序：circle=0，square=1。
accuracy = float(np.mean((predictions[:, 0] > 0.5) == (test_generator.classes == 1)))
print("类别编号:", train_generator.class_indices)
print("predictions.shape:", predictions.shape)
print("前 3 张圆形 P(square) =", [round(float(p), 3) for p in predictions[:3, 0]])
print("前 3 张正方形 P(square) =", [round(float(p), 3) for p in predictions[-3:, 0]])
print(f"测试集准确率: {accuracy:.3f}")

# 本站添加：把这次运行画成图（训练曲线、测试图像、模型结构）。文章的 model.fit(...)
# 没有保存返回值；Keras 把最近一次训练的 History 留在 model.history 上。
test_images = np.concatenate([test_generator[i][0] for i in range(len(test_generator))])
show_training(model.history)
show_image_grid(test_images, test_generator.classes, predictions, class_names=("圆形", "正方形"))
show_model(model)
os.chdir(previous_cwd)
workdir.cleanup()
