# Activation mistakes Activation Lens reports as you type (Keras 3): each line fails when the model is
# built, warns in a log nobody reads, or trains a model that cannot learn.
import keras
from keras import layers

inputs = keras.Input(shape=(16,))
x = layers.Dense(64, activation="rellu")(inputs)
x = layers.Activation("sofmax")(x)
f = keras.activations.get("Relu")
y = keras.activations.leaky_relu(inputs, alpha=0.1)
x = layers.LeakyReLU(alpha=0.2)(x)
x = layers.ThresholdedReLU(theta=0.5)(x)
x = layers.ReLU(max_value=-1)(x)
outputs = layers.Dense(1, activation="softmax")(x)
model = keras.Model(inputs, outputs)
