# The code of the tutorial many users learn activations from, all of it in order, kept verbatim (typos and
# all) so hovers and the evaluator are tried on what people really paste. Where the tutorial is wrong, Keras
# is right:
#   - its ELU is `alpha*(exp(x)-1)` in Keras, not `alpha*(math.exp(x))-1`;
#   - its "softmax" example calls softsign;
#   - Keras 3 does have a step: `threshold(x, threshold, default_value)` and `ReLU(threshold=...)`.
# Step
#Mathematically
#f(x)=1 if x>=0
#f(x)=0 if x<0

def step(x):
  if x>=0:
    return 1
  else:
    return 0
print(step(3))

# Sigmoid
import math
#mathematically
#Sigmoid Function
#f(x)=1/(1+exp(-x))
def sigmoid(x):
  k=math.exp(-x)
  d=1/(1+k)
  return d
print(sigmoid(4))

import tensorflow as tf
import numpy
a = tf.constant([-20, -1.0, 0.0, 1.0, 20], dtype = tf.float32)
b = tf.keras.activations.sigmoid(a)
b.numpy()

# ReLU
import math
#For ReLU
#f(x)=max(0.0,x)
#Straight line in the first quadrant
def relu(x):
  return max(0.0,x)


#For LeakyReLU
#f(x)=x if x>=0
#f(x)=alpha*x if(x<0)
#You can choose different values of alpha
def leakyrelu(x,alpha):
  if x>=0:
    return x
  else:
    return alpha*x

#For Exponential Linear Units (ELU)
#f(x)=x if(x>=0)
#f(x)=alpha*exp(x)-1

def elu(x,alpha):
  if x>=0:
    return x
  else:
    return alpha*(math.exp(x))-1

print(relu(3))
print(leakyrelu(-3,0.5))
print(elu(-3,0.5))

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

# Softmax
#SoftMax Function
#f(x)=exp(x)/sum(exp(x))
import numpy as np
def softmax(x):
    ex = np.exp(x - np.max(x))
    return ex / ex.sum()

a=[1,2,3]
print(softmax(a))

# "Softmax" in Keras (the tutorial calls softsign here)
import tensorflow as tf
a = tf.constant([-1.0, 0.0, 1.0], dtype = tf.float32)
b = tf.keras.activations.softsign(a)
b.numpy()

#In layers you can use
from keras.layers import Activation, Input, Dense
from keras.models import Model
x2 = Activation('softmax')(x2)

# Tanh
import math
#For Tanh Function
#f(x)=(exp(x)-exp(-x))/(exp(x)+exp(-x))

def tanh(x):
  k=math.exp(x)
  l=math.exp(-x)
  m=k-l
  n=k+l
  return m/n

print(tanh(0.5))

import numpy
from tensorflow.keras import layers
from tensorflow.keras import activations
a = tf.constant([-3.0,-1.0, 0.0,1.0,3.0], dtype = tf.float32)
b = tf.keras.activations.tanh(a)
b.numpy()

#For layers in Neural Network
model.add(Dense(12, input_shape=(8,), activation='tanh'))
model.add(Dense(8, activation='tanh'))
