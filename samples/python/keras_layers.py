"""A small Keras 3 model that names its activations in every way Keras accepts."""
import keras
from keras import activations
from keras import layers
from keras.layers import ELU, Activation, Dense, LeakyReLU, PReLU, ReLU, Softmax

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, activation=keras.activations.gelu)(inputs)
x = layers.Conv2D(64, 3, activation="relu")(x)
x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)
x = Dense(128, activation='tanh')(x)
x = LeakyReLU(negative_slope=0.1)(x)
x = Dense(64)(x)
x = ELU(alpha=0.5)(x)
x = Dense(64)(x)
x = ReLU(max_value=6)(x)
x = Dense(32)(x)
x = PReLU()(x)
x = Dense(10)(x)
outputs = Activation('softmax')(x)
model = keras.Model(inputs, outputs)

# Recurrent layers take two activations.
sequence = keras.Input(shape=(None, 16))
encoded = layers.LSTM(32, activation="tanh", recurrent_activation="hard_sigmoid")(sequence)
probabilities = Softmax(axis=-1)(layers.Dense(4)(encoded))

# Activations as functions, looked up by name and called directly.
swish = activations.get('hard_swish')
relu = keras.activations.deserialize('relu')
y = activations.silu(keras.ops.linspace(-5.0, 5.0, 11))
z = keras.activations.relu(y, negative_slope=0.1, max_value=6.0, threshold=0.5)
step = keras.activations.threshold(y, threshold=0.0, default_value=0.0)
