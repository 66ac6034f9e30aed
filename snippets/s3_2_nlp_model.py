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
