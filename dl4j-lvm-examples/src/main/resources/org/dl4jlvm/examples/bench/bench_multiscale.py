"""The multi-scale image flow of dl4j-lvm's `flow --kind MULTISCALE` in PyTorch, for the `bench` command: dequantisation
and logit, then per level a squeeze (2 x 2 space to depth) and K Glow steps (per-channel ActNorm with data-dependent
initialisation, the LU-parameterised invertible 1 x 1 convolution, an affine coupling with channel masks of alternating
parity whose conditioner is 3 x 3, 1 x 1, 3 x 3 convolutions on the masked input); between levels the split prior (a
coupling of the second half of the channels on the first) and the second half factored out to N(0, I)."""
import math

import torch
from torch import nn
import torch.nn.functional as F

from bench_models import dequantize


def squeeze(x):
    """(C, H, W) to (4C, H/2, W/2), channel c's 2 x 2 blocks to channels 4c to 4c + 3, as dl4j-lvm's Squeeze."""
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).permute(0, 1, 3, 5, 2, 4).reshape(n, 4 * c, h // 2, w // 2)


class ActNorm(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(1, channels, 1, 1))
        self.log_scale = nn.Parameter(torch.zeros(1, channels, 1, 1))
        self.initialized = False

    def forward(self, x):
        if not self.initialized:
            with torch.no_grad():
                self.bias.copy_(-x.mean(dim=(0, 2, 3), keepdim=True))
                self.log_scale.copy_(-torch.log(x.std(dim=(0, 2, 3), keepdim=True, unbiased=False) + 1e-6))
            self.initialized = True
        return (x + self.bias) * torch.exp(self.log_scale), x.shape[2] * x.shape[3] * self.log_scale.sum()


class Invertible1x1(nn.Module):
    """W = P L (U + diag(exp(s))), a fixed random permutation P, as dl4j-lvm's InvertibleLinear with channels."""

    def __init__(self, channels, seed):
        super().__init__()
        self.register_buffer("order", torch.randperm(channels, generator=torch.Generator().manual_seed(seed)))
        self.lower = nn.Parameter(torch.zeros(channels, channels))
        self.upper = nn.Parameter(torch.zeros(channels, channels))
        self.log_scale = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        c = x.shape[1]
        eye = torch.eye(c)
        lower = torch.tril(self.lower, -1) + eye
        upper = torch.triu(self.upper, 1) + torch.diag(torch.exp(self.log_scale))
        weights = (lower @ upper)[self.order]
        return F.conv2d(x, weights.view(c, c, 1, 1)), x.shape[2] * x.shape[3] * self.log_scale.sum()


class ConvCoupling(nn.Module):
    """Affine coupling, log-scale 3 tanh(raw / 3); parity 0 keeps the first half of the channels."""

    def __init__(self, channels, hidden, parity, bound=3.0):
        super().__init__()
        mask = (torch.arange(channels) < channels // 2).float()
        self.register_buffer("mask", (mask if parity == 0 else 1 - mask).view(1, channels, 1, 1))
        last = nn.Conv2d(hidden[1], 2 * channels, 3, padding=1)
        nn.init.zeros_(last.weight)
        nn.init.zeros_(last.bias)
        self.net = nn.Sequential(nn.Conv2d(channels, hidden[0], 3, padding=1), nn.ReLU(),
                                 nn.Conv2d(hidden[0], hidden[1], 1), nn.ReLU(), last)
        self.bound = bound

    def forward(self, x):
        raw, shift = self.net(x * self.mask).chunk(2, dim=1)
        transform = 1 - self.mask
        log_scale = self.bound * torch.tanh(raw / self.bound) * transform
        return x * torch.exp(log_scale) + shift * transform, log_scale.sum(dim=(1, 2, 3))


class MultiScale(nn.Module):
    def __init__(self, steps=4, hidden=(64, 64), shape=(1, 28, 28), levels=2):
        super().__init__()
        self.shape = shape
        self.levels = nn.ModuleList()
        self.priors = nn.ModuleList()
        c = shape[0]
        for level in range(levels):
            c *= 4
            steps_of_level = []
            for k in range(steps):
                steps_of_level += [ActNorm(c), Invertible1x1(c, 1000 * level + k), ConvCoupling(c, hidden, k % 2)]
            self.levels.append(nn.ModuleList(steps_of_level))
            if level < levels - 1:
                self.priors.append(ConvCoupling(c, hidden, 0))
                c //= 2

    def loss(self, pixels):
        x, log_det = dequantize(pixels, 256)
        x = x.view(-1, *self.shape)
        factored = []
        for level, steps in enumerate(self.levels):
            x = squeeze(x)
            for step in steps:
                x, step_log_det = step(x)
                log_det = log_det + step_log_det
            if level < len(self.priors):
                x, step_log_det = self.priors[level](x)
                log_det = log_det + step_log_det
                half = x.shape[1] // 2
                factored.append(x[:, half:].flatten(1))
                x = x[:, :half]
        z = torch.cat([x.flatten(1)] + factored, dim=1)
        base = -0.5 * (z.pow(2) + math.log(2 * math.pi)).sum(dim=1)
        return -(base + log_det).mean()
