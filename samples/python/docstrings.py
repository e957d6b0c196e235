"""Activations named in docstrings: their doctest examples and fenced blocks are code, the prose is not."""
import keras
from keras import ops


def squash(x):
    """Squashes values into (0, 1) with keras.activations.sigmoid (prose: no hover here).

    >>> import numpy as np
    >>> x = np.array([-20.0, -1.0, 0.0, 1.0, 20.0])
    >>> keras.activations.sigmoid(x)
    array([2.0611537e-09, 2.6894143e-01, 5.0000000e-01, 7.3105860e-01, 1.0000000e+00], dtype=float32)

    The same inside a model:

    ```python
    layers = keras.layers
    head = layers.Dense(1, activation="sigmoid")
    ```
    """
    return ops.sigmoid(x)


def soften(x, slope=0.1):
    """A leaky rectifier.

    >>> ops.leaky_relu([-1.0, 2.0], negative_slope=0.1)
    """
    return keras.activations.leaky_relu(x, negative_slope=slope)
