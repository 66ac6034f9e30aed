"""5.2 Image classification project: the article's code, really run once on a small batch of images this site draws on the spot.

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

# Added by this site (from here to the original code): the article provides no train/ image folder and does not define
# test_generator; here two classes of images (circles, squares) are drawn in a temporary folder to supply them.
import os
import tempfile

import keras
import numpy as np
from PIL import Image, ImageDraw
from tensorflow.keras.preprocessing.image import ImageDataGenerator

# Added by this site: the plotting functions are in snippets/figures.py; run outside the snippets package
# (this file run directly, or the notebook outside the repository), they are imported from figures.py beside it.
try:
    from snippets.figures import show_image_grid, show_model, show_training
except ModuleNotFoundError:
    from figures import show_image_grid, show_model, show_training

keras.utils.set_random_seed(0)  # fixed random seed: reproducible results


def draw_shapes(folder, per_class, seed):
    """Draw per_class 150x150 images in each of folder/circle and folder/square."""
    rng = np.random.default_rng(seed)
    for shape in ("circle", "square"):
        os.makedirs(os.path.join(folder, shape))
        for i in range(per_class):
            image = Image.new("RGB", (150, 150), (0, 0, 0))
            r = int(rng.integers(40, 56))  # radius / half the side
            cx, cy = (int(c) for c in rng.integers(70, 81, size=2))  # slightly off center
            grey = int(rng.integers(150, 256))
            box = (cx - r, cy - r, cx + r, cy + r)
            if shape == "circle":
                ImageDraw.Draw(image).ellipse(box, fill=(grey, grey, grey))
            else:
                ImageDraw.Draw(image).rectangle(box, fill=(grey, grey, grey))
            image.save(os.path.join(folder, shape, f"{i:03d}.png"))


workdir = tempfile.TemporaryDirectory(prefix="s5_2_images_")
previous_cwd = os.getcwd()
os.chdir(workdir.name)  # the article uses the relative path 'train'
draw_shapes("train", per_class=32, seed=1)
draw_shapes("test", per_class=20, seed=2)
test_generator = ImageDataGenerator(rescale=1./255).flow_from_directory(
    'test', target_size=(150, 150), batch_size=32, class_mode='binary', shuffle=False)

# —— The article's original code follows, unchanged but for its comments, translated ——
# --8<-- [start:article]
import tensorflow as tf
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense
from tensorflow.keras.preprocessing.image import ImageDataGenerator

# Load the dataset
train_datagen = ImageDataGenerator(rescale=1./255)
train_generator = train_datagen.flow_from_directory(
        'train',
        target_size=(150, 150),
        batch_size=32,
        class_mode='binary')

# Build the model
model = Sequential([
    Conv2D(32, (3, 3), activation='relu', input_shape=(150, 150, 3)),
    MaxPooling2D((2, 2)),
    Flatten(),
    Dense(128, activation='relu'),
    Dense(1, activation='sigmoid')
])

# Compile the model
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])

# Train the model
model.fit(train_generator, epochs=10)

# Predict
predictions = model.predict(test_generator)
# --8<-- [end:article]
# —— End of the article's original code ——

# Added by this site: a look at the predictions, then back to the original folder, and the temporary images deleted.
# predictions holds the probability of each image being in class 1; classes are sorted by folder name: circle=0, square=1.
accuracy = float(np.mean((predictions[:, 0] > 0.5) == (test_generator.classes == 1)))
print("类别编号:", train_generator.class_indices)
print("predictions.shape:", predictions.shape)
print("前 3 张圆形 P(square) =", [round(float(p), 3) for p in predictions[:3, 0]])
print("前 3 张正方形 P(square) =", [round(float(p), 3) for p in predictions[-3:, 0]])
print(f"测试集准确率: {accuracy:.3f}")

# Added by this site: draw this run as figures (training curves, test images, model structure). The article's model.fit(...)
# keeps no return value; Keras keeps the History of the latest training on model.history.
test_images = np.concatenate([test_generator[i][0] for i in range(len(test_generator))])
show_training(model.history)
show_image_grid(test_images, test_generator.classes, predictions, class_names=("圆形", "正方形"))
show_model(model)
os.chdir(previous_cwd)
workdir.cleanup()
