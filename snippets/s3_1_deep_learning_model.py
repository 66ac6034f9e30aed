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
