"""PyTorch training scripts for dl4j-lvm's `bench` command: the models of bench_models.py trained over the same data
as the `vae` and `flow` commands, the way a PyTorch user writes the loop (shuffle every pass, index the minibatch,
zero_grad, loss, backward, Adam step, the loss read every 100 iterations), at PyTorch's fastest settings on the
machine measured (the thread count given, and the glibc allocator told by the bench to keep its buffers).

Prints one JSON object: {"torch": version, "threads": n, "case": name, "examples": e, "seconds": s}, where the seconds
time the training loop only, as the commands' train_seconds do (data loaded and binarised before).
Standalone:
  python3 bench_training.py --case vae --images train.u8 --dimension 784 --iterations 469 --batch 128
  python3 bench_training.py --case conv-vae --images train.u8 --iterations 469 --batch 128
  python3 bench_training.py --case realnvp-2 --csv moons.csv --iterations 2000 --batch 256
  python3 bench_training.py --case nsf-2 --csv moons.csv --iterations 1000 --batch 256
  python3 bench_training.py --case multiscale --images train.u8 --steps 4 --hidden 64,64 --iterations 60 --batch 64
"""
import argparse
import json
import time

import numpy as np
import torch

from bench_models import ConvVae, RealNvp, Vae
from bench_multiscale import MultiScale


def images(path, dimension):
    """8-bit pixels written by the bench, one row of `dimension` bytes per image, scaled to [0, 1]."""
    pixels = np.fromfile(path, dtype=np.uint8).reshape(-1, dimension)
    return torch.from_numpy(pixels.astype(np.float32) / 255)


def csv_split(path, seed):
    """The flow command's treatment of a CSV: shuffled, the first 90% trained on."""
    values = torch.from_numpy(np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2))
    generator = torch.Generator().manual_seed(seed)
    shuffled = values[torch.randperm(values.shape[0], generator=generator)]
    return shuffled[:round(values.shape[0] * 0.9)]


def setup(args):
    """The model and the training data of a case, prepared as the command prepares them before its loop."""
    if args.case == "vae":
        return Vae(latent=args.latent), torch.bernoulli(images(args.images, args.dimension))
    if args.case == "conv-vae":
        return ConvVae(latent=args.latent), torch.bernoulli(images(args.images, args.dimension))
    if args.case in ("realnvp-2", "maf-2", "nsf-2"):
        data = csv_split(args.csv, args.seed)
        return RealNvp(data.shape[1], args.hidden, standardize=data, kind=args.case[:-2]), data
    if args.case == "realnvp-784":
        return RealNvp(args.dimension, args.hidden, levels=256), images(args.images, args.dimension)
    if args.case == "multiscale":
        return MultiScale(args.steps, args.hidden), images(args.images, args.dimension)
    raise SystemExit("unknown case: " + args.case)


def train(model, data, batch, iterations, learning_rate):
    """Adam over shuffled passes of `data` for `iterations` minibatches; returns the examples trained on."""
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    examples, done = 0, 0
    while done < iterations:
        order = torch.randperm(data.shape[0])
        for start in range(0, data.shape[0], batch):
            if done == iterations:
                break
            x = data[order[start:start + batch]]
            optimizer.zero_grad(set_to_none=True)
            loss = model.loss(x)
            loss.backward()
            optimizer.step()
            if done % 100 == 0:
                loss.item()
            examples += x.shape[0]
            done += 1
    return examples


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", required=True, choices=["vae", "conv-vae", "realnvp-2", "maf-2", "nsf-2", "realnvp-784",
                                                            "multiscale"])
    parser.add_argument("--images", help="8-bit images, one row of --dimension bytes each (vae, conv-vae, realnvp-784, multiscale)")
    parser.add_argument("--csv", help="numeric CSV without header (realnvp-2, maf-2, nsf-2)")
    parser.add_argument("--dimension", type=int, default=784)
    parser.add_argument("--latent", type=int, default=32)
    parser.add_argument("--steps", type=int, default=4, help="steps per level (multiscale)")
    parser.add_argument("--hidden", type=lambda s: [int(h) for h in s.split(",")], default=[128, 128])
    parser.add_argument("--iterations", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    model, data = setup(args)
    start = time.perf_counter()
    examples = train(model, data, args.batch, args.iterations, args.learning_rate)
    seconds = time.perf_counter() - start
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "case": args.case,
                      "examples": examples, "seconds": seconds}))


if __name__ == "__main__":
    main()
