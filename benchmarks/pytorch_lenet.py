#!/usr/bin/env python3
"""PyTorch twin of staleness's LeNet-5, for side-by-side speed and accuracy comparisons.

Same architecture and parameter order as `Training.LeNet5` (conv1 1→6 5×5, ReLU, max-pool 2;
conv2 6→16 5×5, ReLU, max-pool 2; conv3 16→120 5×5, ReLU; fc1 120→84, ReLU; fc2 84→10;
log-softmax + NLL), same input pipeline (28×28 MNIST zero-padded to 32×32, then normalised with
mean 0.1307 / std 0.3081), data preloaded as tensors.

Two modes, each printing one JSON object on stdout:
  train: train EPOCHS epochs on the IDX .gz files in DATA with SGD(momentum 0.9) or Adam, and
         report seconds per epoch (training only) and test accuracy after each epoch.
  step:  time STEPS forward+backward passes (no optimizer) at a given batch on random inputs,
         the pure compute the Swift model's `gradient` does.

Examples:
  python3 benchmarks/pytorch_lenet.py train --data /work/shared/data/mnist --epochs 1 --batch 64 --threads 1
  python3 benchmarks/pytorch_lenet.py step --batch 64 --steps 938 --threads 2
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN, STD = 0.1307, 0.3081


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.conv3 = nn.Conv2d(16, 120, 5)
        self.fc1 = nn.Linear(120, 84)
        self.fc2 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.conv3(x)).flatten(1)
        x = F.relu(self.fc1(x))
        return F.log_softmax(self.fc2(x), dim=1)


def read_idx(path):
    """Reads an IDX file (gzip or raw) into a uint8 tensor of its declared shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    body = data[4 + 4 * dims:]
    return torch.frombuffer(bytearray(body), dtype=torch.uint8).reshape(shape)


def find(directory, stem):
    for name in (stem + ".gz", stem):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"{stem}[.gz] not found in {directory}")


def load_mnist(directory, split):
    """Images [N,1,32,32] float32 (zero-padded by 2, then normalised) and labels [N] int64."""
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(find(directory, f"{prefix}-images-idx3-ubyte")).float().div_(255)
    labels = read_idx(find(directory, f"{prefix}-labels-idx1-ubyte")).long()
    images = F.pad(images, (2, 2, 2, 2), value=0.0)
    return images.sub_(MEAN).div_(STD).unsqueeze(1).contiguous(), labels


def evaluate(model, images, labels, batch=1000):
    model.eval()
    correct, loss = 0, 0.0
    with torch.no_grad():
        for start in range(0, len(labels), batch):
            out = model(images[start:start + batch])
            loss += F.nll_loss(out, labels[start:start + batch], reduction="sum").item()
            correct += (out.argmax(1) == labels[start:start + batch]).sum().item()
    model.train()
    return loss / len(labels), correct / len(labels)


def train(args):
    torch.manual_seed(args.seed)
    train_x, train_y = load_mnist(args.data, "train")
    test_x, test_y = load_mnist(args.data, "test")
    model = LeNet5()
    if args.optimizer == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    seconds, accuracy, test_loss, train_loss = [], [], [], []
    n = len(train_y)
    for _ in range(args.epochs):
        order = torch.randperm(n)
        total = 0.0
        start_time = time.perf_counter()
        for start in range(0, n, args.batch):
            idx = order[start:start + args.batch]
            opt.zero_grad(set_to_none=True)
            loss = F.nll_loss(model(train_x[idx]), train_y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        seconds.append(time.perf_counter() - start_time)
        train_loss.append(total / n)
        tl, ta = evaluate(model, test_x, test_y)
        test_loss.append(tl)
        accuracy.append(ta)
    return {
        "mode": "train", "optimizer": args.optimizer, "lr": args.lr, "batch": args.batch,
        "threads": args.threads, "epochs": args.epochs, "seed": args.seed,
        "seconds_per_epoch": seconds, "train_loss": train_loss,
        "test_loss": test_loss, "test_accuracy": accuracy,
        "torch": torch.__version__,
    }


def step(args):
    torch.manual_seed(args.seed)
    model = LeNet5()
    pool = 2048
    images = torch.randn(pool, 1, 32, 32)
    labels = torch.randint(0, 10, (pool,))
    best = float("inf")
    for _ in range(args.repeats):
        start_time = time.perf_counter()
        for s in range(args.steps):
            start = (s * args.batch) % (pool - args.batch + 1)
            model.zero_grad(set_to_none=True)
            F.nll_loss(model(images[start:start + args.batch]), labels[start:start + args.batch]).backward()
        best = min(best, time.perf_counter() - start_time)
    return {"mode": "step", "batch": args.batch, "steps": args.steps, "threads": args.threads,
            "seconds": best, "torch": torch.__version__}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["train", "step"])
    parser.add_argument("--data", default=os.environ.get("STALENESS_DATA", "/work/shared/data/mnist"),
                        help="directory with the four MNIST IDX files (.gz or raw)")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--optimizer", choices=["sgd", "adam"], default="sgd")
    parser.add_argument("--lr", type=float, default=None, help="default 0.01 for SGD, 0.001 for Adam")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", type=int, default=938, help="step mode: forward+backward passes")
    parser.add_argument("--repeats", type=int, default=3, help="step mode: best of this many timings")
    args = parser.parse_args(argv)
    if args.batch < 1 or args.threads < 1 or args.epochs < 1 or args.steps < 1:
        parser.error("batch, threads, epochs and steps must be at least 1")
    if args.lr is None:
        args.lr = 0.01 if args.optimizer == "sgd" else 0.001
    torch.set_num_threads(args.threads)
    result = train(args) if args.mode == "train" else step(args)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
