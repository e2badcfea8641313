"""PyTorch reference for dl4j-lvm's `bench` command: the same models, batch sizes and optimiser, timed the same way.

Run by the bench command in the same invocation; prints one JSON object on stdout:
{"torch": version, "threads": n, "results": [{"case": name, "batch": b, "ms": [per-iteration times]}]}.
Standalone: python3 bench_reference.py --warmup 10 --iterations 50 --threads 1 --cases vae,realnvp-2,realnvp-784
"""
import argparse
import json
import math
import time

import torch
from torch import nn
import torch.nn.functional as F


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class Vae(nn.Module):
    """784-512-256-(2x32) / 32-256-512-784, Bernoulli likelihood on logits; loss = negative ELBO per example."""

    def __init__(self, data=784, latent=32):
        super().__init__()
        self.encoder = mlp([data, 512, 256, 2 * latent])
        self.decoder = mlp([latent, 256, 512, data])

    def loss(self, x):
        mean, log_variance = self.encoder(x).chunk(2, dim=1)
        z = mean + torch.exp(0.5 * log_variance) * torch.randn_like(mean)
        logits = self.decoder(z)
        reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
        kl = -0.5 * torch.sum(1 + log_variance - mean.pow(2) - log_variance.exp())
        return (reconstruction + kl) / x.shape[0]


class AffineCoupling(nn.Module):
    """RealNVP coupling with a binary mask and a soft-clamped log-scale s = B tanh(raw / B), as dl4j-lvm's."""

    def __init__(self, dim, hidden, parity, bound=3.0):
        super().__init__()
        self.register_buffer("mask", (torch.arange(dim) % 2 == parity).float())
        self.net = mlp([dim] + hidden + [2 * dim])
        self.bound = bound

    def forward(self, x):
        raw, shift = self.net(x * self.mask).chunk(2, dim=1)
        transform = 1 - self.mask
        log_scale = self.bound * torch.tanh(raw / self.bound) * transform
        return x * torch.exp(log_scale) + shift * transform, log_scale.sum(dim=1)


class RealNvp(nn.Module):
    """Eight affine couplings with alternating masks and a standard normal base; optional dequantisation + logit."""

    def __init__(self, dim, hidden, steps=8, levels=None, alpha=0.05):
        super().__init__()
        self.steps = nn.ModuleList(AffineCoupling(dim, hidden, i % 2) for i in range(steps))
        self.levels = levels
        self.alpha = alpha

    def dequantize(self, x):
        s = (x * (self.levels - 1) + torch.rand_like(x)) / self.levels
        p = self.alpha + (1 - 2 * self.alpha) * s
        y = torch.log(p) - torch.log1p(-p)
        slope = math.log((1 - 2 * self.alpha) * (self.levels - 1) / self.levels)
        return y, (slope - torch.log(p) - torch.log1p(-p)).sum(dim=1)

    def loss(self, x):
        log_det = torch.zeros(x.shape[0])
        if self.levels is not None:
            x, log_det = self.dequantize(x)
        for step in self.steps:
            x, step_log_det = step(x)
            log_det = log_det + step_log_det
        base = -0.5 * (x.pow(2) + math.log(2 * math.pi)).sum(dim=1)
        return -(base + log_det).mean()


def case(name):
    """Model and one synthetic batch of the real shape for a case name."""
    if name == "vae":
        return Vae(), torch.bernoulli(torch.full((128, 784), 0.5))
    if name == "realnvp-2":
        return RealNvp(2, [128, 128]), torch.randn(256, 2)
    if name == "realnvp-784":
        return RealNvp(784, [512, 512], levels=256), torch.randint(0, 256, (128, 784)).float() / 255
    raise SystemExit("unknown case: " + name)


def measure(name, warmup, iterations):
    model, x = case(name)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        optimizer.zero_grad(set_to_none=True)
        model.loss(x).backward()
        optimizer.step()

    for _ in range(warmup):
        step()
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return {"case": name, "batch": x.shape[0], "ms": times}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--cases", default="vae,realnvp-2,realnvp-784")
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    results = [measure(name, args.warmup, args.iterations) for name in args.cases.split(",")]
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
