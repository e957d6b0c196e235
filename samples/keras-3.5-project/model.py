# keras.activations.squareplus appeared in Keras 3.7; this project declares Keras 3.5 (requirements.txt).
import keras
from keras import layers

x = keras.Input(shape=(8,))
h = layers.Dense(32, activation="relu")(x)
y = keras.activations.squareplus(h)
