"""The models of dl4j-lvm's `bench` command in PyTorch, shared by the step timing (bench_reference.py) and the
training loops (bench_training.py): the VAE and RealNVP as dl4j-lvm builds them."""
import math

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
    """Eight affine couplings with alternating masks and a standard normal base; optional dequantisation + logit, or
    standardisation by the training data's mean and standard deviation (a fixed first step, as dl4j-lvm's)."""

    def __init__(self, dim, hidden, steps=8, levels=None, alpha=0.05, standardize=None):
        super().__init__()
        self.steps = nn.ModuleList(AffineCoupling(dim, hidden, i % 2) for i in range(steps))
        self.levels = levels
        self.alpha = alpha
        self.standardize = standardize is not None
        if self.standardize:
            self.register_buffer("mean", standardize.mean(dim=0))
            self.register_buffer("std", standardize.std(dim=0))

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
        elif self.standardize:
            x = (x - self.mean) / self.std
            log_det = log_det - torch.log(self.std).sum()
        for step in self.steps:
            x, step_log_det = step(x)
            log_det = log_det + step_log_det
        base = -0.5 * (x.pow(2) + math.log(2 * math.pi)).sum(dim=1)
        return -(base + log_det).mean()
