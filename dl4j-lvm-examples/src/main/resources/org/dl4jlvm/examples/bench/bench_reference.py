"""PyTorch reference for dl4j-lvm's `bench` command: the same models, batch sizes and optimiser, timed the same way.

Run by the bench command in the same invocation; prints one JSON object on stdout:
{"torch": version, "threads": n, "results": [{"case": name, "batch": b, "ms": [per-iteration times]}]}.
Standalone: python3 bench_reference.py --warmup 10 --iterations 50 --threads 1 --cases vae,vae-products,realnvp-2,realnvp-784
"""
import argparse
import json
import time

import torch

from bench_models import RealNvp, Vae


def case(name):
    """Model and one synthetic batch of the real shape for a case name."""
    if name == "vae":
        return Vae(), torch.bernoulli(torch.full((128, 784), 0.5))
    if name == "realnvp-2":
        return RealNvp(2, [128, 128]), torch.randn(256, 2)
    if name == "realnvp-784":
        return RealNvp(784, [512, 512], levels=256), torch.randint(0, 256, (128, 784)).float() / 255
    raise SystemExit("unknown case: " + name)


def vae_products(batch=128):
    """The products of one training step of the VAE's dense layers, as the bench's vae-products case: per layer
    Z = X W and dW = X^T dZ, and dX = dZ W^T except on the network's input (17 SGEMM calls), into preallocated
    results."""
    products = []
    for widths in ((784, 512, 256, 64), (32, 256, 512, 784)):
        for i in range(len(widths) - 1):
            x, w = torch.rand(batch, widths[i]), torch.rand(widths[i], widths[i + 1])
            z, dw, dx = torch.empty(batch, widths[i + 1]), torch.empty(widths[i], widths[i + 1]), torch.empty(batch, widths[i])
            products.append(lambda x=x, w=w, z=z: torch.mm(x, w, out=z))
            products.append(lambda x=x, z=z, dw=dw: torch.mm(x.t(), z, out=dw))
            if not (widths[0] == 784 and i == 0):
                products.append(lambda z=z, w=w, dx=dx: torch.mm(z, w.t(), out=dx))
    return products


def conv_vae_convolutions(batch=128):
    """The convolutional VAE's four convolutions, as the bench's conv-vae-convolutions case: 4 x 4 stride-2
    convolutions from 1 x 28 x 28 to 32 x 14 x 14 and 64 x 7 x 7, and transposed ones back, without activations;
    forward and backward from a fixed output gradient, without an update."""
    chain = torch.nn.Sequential(torch.nn.Conv2d(1, 32, 4, 2, 1), torch.nn.Conv2d(32, 64, 4, 2, 1),
                                torch.nn.ConvTranspose2d(64, 32, 4, 2, 1), torch.nn.ConvTranspose2d(32, 1, 4, 2, 1))
    x = torch.rand(batch, 1, 28, 28, requires_grad=True)
    gradient = torch.randn(batch, 1, 28, 28)

    def step():
        chain.zero_grad(set_to_none=True)
        x.grad = None
        chain(x).backward(gradient)
    return step


def training_step(name):
    """One training step of a case (forward, backward, Adam update) and its batch size."""
    if name == "vae-products":
        products = vae_products()
        return lambda: [product() for product in products], 128
    if name == "conv-vae-convolutions":
        return conv_vae_convolutions(), 128
    model, x = case(name)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        optimizer.zero_grad(set_to_none=True)
        model.loss(x).backward()
        optimizer.step()
    return step, x.shape[0]


def measure(name, warmup, iterations):
    step, batch = training_step(name)

    for _ in range(warmup):
        step()
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return {"case": name, "batch": batch, "ms": times}


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
