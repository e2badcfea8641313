"""The models of dl4j-lvm's `bench` command in PyTorch, shared by the step timing (bench_reference.py) and the
training loops (bench_training.py): the VAE, RealNVP, MAF and NSF (spline couplings) as dl4j-lvm builds them."""
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
        kl = standard_normal_kl(mean, log_variance).sum()
        return (reconstruction + kl) / x.shape[0]

    def terms(self, x, analytic=False):
        """Per example, for one draw z ~ q(z | x): log p(x | z) and log q(z | x) - log p(z), or with `analytic` the
        closed-form KL(q(z | x) || N(0, I)) in its place (as the command trains the Gaussian posterior)."""
        mean, log_variance = self.encoder(x).chunk(2, dim=1)
        z, log_q = draw(mean, log_variance)
        reconstruction, kl = self.decode(x, z, log_q)
        if analytic:
            kl = standard_normal_kl(mean, log_variance)
        return reconstruction, kl

    def decode(self, x, z, log_q):
        log_prior = -0.5 * (math.log(2 * math.pi) + z.pow(2)).sum(dim=1)
        reconstruction = -F.binary_cross_entropy_with_logits(self.decoder(z), x, reduction="none").sum(dim=1)
        return reconstruction, log_q - log_prior


def standard_normal_kl(mean, log_variance):
    """KL(N(mean, exp(log_variance)) || N(0, I)) per example, in closed form."""
    return -0.5 * torch.sum(1 + log_variance - mean.pow(2) - log_variance.exp(), dim=1)


def draw(mean, log_variance):
    """z = mean + exp(log_variance / 2) * noise, and log N(z; mean, exp(log_variance)) per example."""
    noise = torch.randn_like(mean)
    z = mean + torch.exp(0.5 * log_variance) * noise
    return z, -0.5 * (math.log(2 * math.pi) + log_variance + noise.pow(2)).sum(dim=1)


class ConvVae(Vae):
    """`vae --architecture conv`: 4x4 stride-2 convolutions to 32 and 64 channels, dense 256, (2x32); back through
    dense 256 and 64 x 7 x 7, and 4x4 stride-2 transposed convolutions to 32 channels and to the logits."""

    def __init__(self, latent=32):
        nn.Module.__init__(self)
        self.encoder = nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 32, 4, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(), nn.Flatten(),
            nn.Linear(64 * 7 * 7, 256), nn.ReLU(), nn.Linear(256, 2 * latent))
        self.decoder = nn.Sequential(
            nn.Linear(latent, 256), nn.ReLU(), nn.Linear(256, 64 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
            nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(), nn.ConvTranspose2d(32, 1, 4, 2, 1), nn.Flatten())


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


MINIMUM = 1e-3
DERIVATIVE_SHIFT = math.log(math.expm1(1 - MINIMUM))


def spline(x, h, bins, bound):
    """dl4j-lvm's rational-quadratic spline, forward: y and log dy/dx per element; h is [batch, (3K - 1) D] with
    parameter k of every coordinate in block k; identity outside (-B, B)."""
    batch, dim = x.shape
    p = h.view(batch, 3 * bins - 1, dim).permute(0, 2, 1)
    inside = (x > -bound) & (x < bound)
    v = torch.where(inside, x, torch.zeros_like(x))
    ones = torch.ones(batch, dim, 1)

    def knots(raw):
        fraction = MINIMUM + (1 - MINIMUM * bins) * torch.softmax(raw, dim=-1)
        left = torch.cumsum(fraction, dim=-1) - fraction
        left = left * 2 * bound - bound
        size = torch.cat([fraction[..., :-1] * 2 * bound, bound - left[..., -1:]], dim=-1)
        return left, size

    x_left, width = knots(p[..., :bins])
    y_left, height = knots(p[..., bins:2 * bins])
    interior = MINIMUM + F.softplus(p[..., 2 * bins:] + DERIVATIVE_SHIFT)
    d = torch.cat([ones, interior, ones], dim=-1)
    k = torch.searchsorted(x_left[..., 1:].contiguous(), v[..., None])
    xk, w = x_left.gather(-1, k)[..., 0], width.gather(-1, k)[..., 0]
    yk, hk = y_left.gather(-1, k)[..., 0], height.gather(-1, k)[..., 0]
    d0, d1 = d.gather(-1, k)[..., 0], d.gather(-1, k + 1)[..., 0]
    xi = (v - xk) / w
    s = hk / w
    t = xi * (1 - xi)
    den = s + (d0 + d1 - 2 * s) * t
    y = yk + hk * (s * xi * xi + d0 * t) / den
    log_derivative = torch.log(s * s * (d1 * xi * xi + 2 * s * t + d0 * (1 - xi) ** 2)) - 2 * torch.log(den)
    return torch.where(inside, y, x), torch.where(inside, log_derivative, torch.zeros_like(x))


class SplineCoupling(nn.Module):
    """NSF coupling as dl4j-lvm's: the conditioner reads x * mask and emits (3K - 1) D parameters; the spline maps the
    unmasked coordinates."""

    def __init__(self, dim, hidden, parity, bins=8, bound=5.0):
        super().__init__()
        self.register_buffer("mask", (torch.arange(dim) % 2 == parity).float())
        self.net = mlp([dim] + hidden + [(3 * bins - 1) * dim])
        self.bins = bins
        self.bound = bound

    def forward(self, x):
        y, log_derivative = spline(x, self.net(x * self.mask), self.bins, self.bound)
        transform = 1 - self.mask
        return x * self.mask + y * transform, (log_derivative * transform).sum(dim=1)


class MaskedLinear(nn.Linear):
    def __init__(self, mask):
        super().__init__(mask.shape[0], mask.shape[1])
        self.register_buffer("mask", mask.t().contiguous())

    def forward(self, x):
        return F.linear(x, self.weight * self.mask, self.bias)


class MadeAffine(nn.Module):
    """MAF step as dl4j-lvm's: MADE masks from degrees (input j: 1 + its position in the order; hidden unit k:
    1 + k mod (D - 1)), outputs [raw | shift], affine map with s = B tanh(raw / B). An optional context of width
    `context` reaches every first-layer hidden unit (degree 0), as in dl4j-lvm's MaskedMlp."""

    def __init__(self, dim, hidden, order, bound=3.0, context=0):
        super().__init__()
        degrees = [0] * dim
        for position, coordinate in enumerate(order):
            degrees[coordinate] = position + 1
        below = torch.tensor(degrees)
        layers = []
        for size in hidden:
            above = 1 + torch.arange(size) % max(1, dim - 1)
            layers += [MaskedLinear((above[None, :] >= below[:, None]).float()), nn.ReLU()]
            below = above
        outputs = torch.tensor(degrees * 2)
        layers.append(MaskedLinear((outputs[None, :] > below[:, None]).float()))
        self.net = nn.Sequential(*layers)
        self.bound = bound
        self.context = nn.Linear(context, hidden[0], bias=False) if context else None

    def forward(self, x, context=None):
        if self.context is None:
            raw, shift = self.net(x).chunk(2, dim=1)
        else:
            raw, shift = self.net[1:](self.net[0](x) + self.context(context)).chunk(2, dim=1)
        log_scale = self.bound * torch.tanh(raw / self.bound)
        return x * torch.exp(log_scale) + shift, log_scale.sum(dim=1)


class IafVae(Vae):
    """`vae --posterior iaf`: the dense VAE whose q(z | x) is the Gaussian followed by `steps` IAF steps (MadeAffine,
    orders alternating, last layer starting at zero), amortised by h, a linear map of the encoder's last hidden layer
    to `context` columns. loss = E_q[-log p(x | z_K) + log q(z_0 | x) - sum log-dets - log p(z_K)], one draw."""

    def __init__(self, data=784, latent=32, steps=4, hidden=(128, 128), context=64):
        super().__init__(data, latent)
        self.body, self.head = self.encoder[:-1], self.encoder[-1]
        self.context = nn.Linear(self.head.in_features, context)
        self.steps = nn.ModuleList()
        for i in range(steps):
            order = list(range(latent)) if i % 2 == 0 else list(reversed(range(latent)))
            step = MadeAffine(latent, hidden, order, context=context)
            nn.init.zeros_(step.net[-1].weight)
            nn.init.zeros_(step.net[-1].bias)
            self.steps.append(step)

    def terms(self, x, analytic=False):
        """Per example, for one draw z_K: log p(x | z_K) and log q(z_K | x) - log p(z_K) (no closed form here)."""
        features = self.body(x)
        mean, log_variance = self.head(features).chunk(2, dim=1)
        h = self.context(features)
        z, log_q = draw(mean, log_variance)
        for step in self.steps:
            z, log_det = step(z, h)
            log_q = log_q - log_det
        return self.decode(x, z, log_q)

    def loss(self, x):
        reconstruction, kl = self.terms(x)
        return (kl - reconstruction).mean()


def step(kind, dim, hidden, i):
    if kind == "realnvp":
        return AffineCoupling(dim, hidden, i % 2)
    if kind == "nsf":
        return SplineCoupling(dim, hidden, i % 2)
    if kind == "maf":
        order = list(range(dim)) if i % 2 == 0 else list(reversed(range(dim)))
        return MadeAffine(dim, hidden, order)
    raise ValueError("unknown kind: " + kind)


def dequantize(x, levels, alpha=0.05):
    """Uniform dequantisation of pixels in [0, 1] on `levels` levels, then the logit of alpha + (1 - 2 alpha) s, as
    dl4j-lvm's DequantizeLogit; returns the values and the per-example log-det."""
    s = (x * (levels - 1) + torch.rand_like(x)) / levels
    p = alpha + (1 - 2 * alpha) * s
    y = torch.log(p) - torch.log1p(-p)
    slope = math.log((1 - 2 * alpha) * (levels - 1) / levels)
    return y, (slope - torch.log(p) - torch.log1p(-p)).sum(dim=1)


class RealNvp(nn.Module):
    """Eight steps (affine couplings with alternating masks; or MAF or NSF steps, `kind`) and a standard normal base;
    optional dequantisation + logit, or standardisation by the training data's mean and standard deviation (a fixed
    first step, as dl4j-lvm's)."""

    def __init__(self, dim, hidden, steps=8, levels=None, alpha=0.05, standardize=None, kind="realnvp"):
        super().__init__()
        self.steps = nn.ModuleList(step(kind, dim, hidden, i) for i in range(steps))
        self.levels = levels
        self.alpha = alpha
        self.standardize = standardize is not None
        if self.standardize:
            self.register_buffer("mean", standardize.mean(dim=0))
            self.register_buffer("std", standardize.std(dim=0))

    def loss(self, x):
        log_det = torch.zeros(x.shape[0])
        if self.levels is not None:
            x, log_det = dequantize(x, self.levels, self.alpha)
        elif self.standardize:
            x = (x - self.mean) / self.std
            log_det = log_det - torch.log(self.std).sum()
        for step in self.steps:
            x, step_log_det = step(x)
            log_det = log_det + step_log_det
        base = -0.5 * (x.pow(2) + math.log(2 * math.pi)).sum(dim=1)
        return -(base + log_det).mean()
