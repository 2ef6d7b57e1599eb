"""How far `--input paper` (bilinear 28→32 in floating point, as torch's
`interpolate(mode="bilinear", align_corners=False)`, which `BilinearResize` follows) is from
PIL's 8-bit bilinear resize (`Image.resize((32, 32), BILINEAR)`, what torchvision's `Resize`
does to a PIL image before `ToTensor`), on the first 2 000 MNIST test images.

Usage: python3 benchmarks/paper_input_vs_pil.py [MNIST dir]   (needs numpy, torch, Pillow)
"""
import gzip
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

directory = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("STALENESS_DATA", "../shared/data/mnist")
raw = gzip.open(os.path.join(directory, "t10k-images-idx3-ubyte.gz")).read()
images = np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 28, 28)[:2000]

ours = F.interpolate(torch.tensor(images, dtype=torch.float32)[:, None] / 255, size=(32, 32),
                     mode="bilinear", align_corners=False)[:, 0].numpy()
pil = np.stack([np.asarray(Image.fromarray(im).resize((32, 32), Image.BILINEAR)) for im in images]) / 255.0
levels = np.abs(ours - pil) * 255
print(f"{len(images)} images, {levels.size} pixels, in grey levels (1/255):")
print(f"  max |float − PIL| {levels.max():.3f}, mean {levels.mean():.4f}, "
      f"pixels off by more than half a level {100 * (levels > 0.5 + 1e-4).mean():.2f}%")
