# The Keras snippets of the tutorial many users learn activations from, kept verbatim (typos and all) so
# hovers and the evaluator are tried on what people really paste. Where the tutorial is wrong, Keras is right:
#   - its ELU is `alpha*(exp(x)-1)` in Keras, not `alpha*(math.exp(x))-1`;
#   - its "softmax" example calls softsign;
#   - Keras 3 does have a step: `threshold(x, threshold, default_value)` and `ReLU(threshold=...)`.
import math

#For Exponential Linear Units (ELU)
#f(x)=x if(x>=0)
#f(x)=alpha*exp(x)-1

def elu(x,alpha):
  if x>=0:
    return x
  else:
    return alpha*(math.exp(x))-1

# Sigmoid
import tensorflow as tf
import numpy
a = tf.constant([-20, -1.0, 0.0, 1.0, 20], dtype = tf.float32)
b = tf.keras.activations.sigmoid(a)
b.numpy()

# ReLU
import tensorflow as tf
foo = tf.constant([-10, -5, 0.0, 5, 10], dtype = tf.float32)
tf.keras.activations.relu(foo).numpy()
import keras

#For LeakyRelu
from keras.layers import LeakyReLU
# instead of cnn_model.add(Activation('relu'))
cnn_model.add(LeakyReLU(alpha=0.1))

#For ELU
elu_aplha=0.5
model.add(ELU(alpha=elu_alpha))

# "Softmax" (the tutorial calls softsign here)
import tensorflow as tf
a = tf.constant([-1.0, 0.0, 1.0], dtype = tf.float32)
b = tf.keras.activations.softsign(a)
b.numpy()

#In layers you can use
from keras.layers import Activation, Input, Dense
from keras.models import Model
x2 = Activation('softmax')(x2)

# Tanh
import numpy
from tensorflow.keras import layers
from tensorflow.keras import activations
a = tf.constant([-3.0,-1.0, 0.0,1.0,3.0], dtype = tf.float32)
b = tf.keras.activations.tanh(a)
b.numpy()

#For layers in Neural Network
model.add(Dense(12, input_shape=(8,), activation='tanh'))
model.add(Dense(8, activation='tanh'))
