"""Writes a tiny learnable MNIST-shaped dataset (four raw IDX files) for CI sweeps.

Class k lights a 6x6 block at a class-specific spot of a 28x28 image, plus uniform noise.
Usage: python3 tiny_idx.py DIRECTORY [TRAIN_COUNT TEST_COUNT]
"""
import os
import struct
import sys

import numpy as np


def images(count, seed):
    rng = np.random.default_rng(seed)
    pixels = rng.uniform(0, 40, size=(count, 28, 28))
    labels = np.arange(count) % 10
    for i, label in enumerate(labels):
        top, left = 3 + (label // 5) * 12, 1 + (label % 5) * 5
        pixels[i, top:top + 6, left:left + 6] += 200
    return np.clip(pixels, 0, 255).astype(np.uint8), labels.astype(np.uint8)


def main():
    directory = sys.argv[1]
    train, test = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else (200, 100)
    os.makedirs(directory, exist_ok=True)
    for name, count, seed in (("train", train, 1), ("t10k", test, 2)):
        x, y = images(count, seed)
        with open(os.path.join(directory, f"{name}-images-idx3-ubyte"), "wb") as f:
            f.write(struct.pack(">IIII", 0x803, count, 28, 28) + x.tobytes())
        with open(os.path.join(directory, f"{name}-labels-idx1-ubyte"), "wb") as f:
            f.write(struct.pack(">II", 0x801, count) + y.tobytes())


if __name__ == "__main__":
    main()
