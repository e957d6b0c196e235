"""The same activations through keras.ops and TensorFlow's low-level tf.nn / tf.math, on literal values."""
import numpy as np
import tensorflow as tf
import keras
from keras import ops

x = np.linspace(-4.0, 4.0, 9, dtype=np.float32)
values = np.array([-3.0, -1.0, 0.0, 1.0, 3.0], dtype=np.float32)

# keras.ops: note gelu defaults to approximate=True here, unlike keras.activations.gelu.
g = keras.ops.gelu(x)
r6 = keras.ops.nn.relu6(x)
s = keras.ops.sigmoid(values)
e = ops.exp(values)
sp = ops.softplus(values)

# TensorFlow kernels.
t = tf.constant([-20, -1.0, 0.0, 1.0, 20], dtype=tf.float32)
tf.nn.relu(t)
tf.nn.relu6(t)
tf.nn.leaky_relu(t, alpha=0.2)
tf.nn.elu(t)
tf.nn.selu(t)
tf.nn.gelu(t, approximate=False)
tf.nn.silu(t)
tf.nn.swish(t)
tf.nn.softplus(t)
tf.nn.softsign(t)
tf.nn.softmax(t)
tf.nn.log_softmax(t)
tf.math.sigmoid(t)
tf.math.tanh(t)

# Keras 2 (tf-keras) spells the relu slope `alpha`.
tf.keras.activations.relu(t, alpha=0.1)
tf.keras.layers.LeakyReLU(alpha=0.3)
tf.keras.layers.ThresholdedReLU(theta=1.0)
