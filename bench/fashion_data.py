"""Fashion-MNIST for the PyTorch peers in bench/: the IDX files of Debian's dataset-fashion-mnist (or the folder
FASHION_MNIST names) as float32 tensors scaled by 1/255 and int64 labels."""
import gzip
import os
import sys

import numpy as np
import torch


def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    magic = int.from_bytes(data[:4], 'big')
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], 'big') for i in range(magic & 0xff)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def load():
    """(train images, train labels, test images, test labels); exits with a line saying how to install the data."""
    root = os.environ.get('FASHION_MNIST', '/usr/share/datasets/fashion-mnist').rstrip('/') + '/'
    if not os.path.exists(root + 'train-images-idx3-ubyte.gz'):
        sys.exit(f"Fashion-MNIST is not at {root}: install it with 'apt-get install dataset-fashion-mnist' "
                 "or set FASHION_MNIST to its folder")

    def images(name):
        return torch.tensor(idx(root + name).reshape(-1, 784), dtype=torch.float32) / 255

    def labels(name):
        return torch.tensor(idx(root + name), dtype=torch.long)

    return (images('train-images-idx3-ubyte.gz'), labels('train-labels-idx1-ubyte.gz'),
            images('t10k-images-idx3-ubyte.gz'), labels('t10k-labels-idx1-ubyte.gz'))
