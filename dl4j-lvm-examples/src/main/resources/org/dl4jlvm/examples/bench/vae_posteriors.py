"""The dense VAE of `vae` with a Gaussian or an IAF posterior in PyTorch (bench_models.py's Vae and IafVae), trained as
the command trains it: statically binarised Fashion-MNIST, latent 32, batch 128, Adam 1e-3, the Gaussian's KL in
closed form and the flow's by one draw, optional KL warm-up (beta = min(1, (t + 1) / N)). Prints the test negative
ELBO (one draw per image) and importance-weighted bound in nats; the reference for the flow-posterior rows of the
README:
  python3 vae_posteriors.py --posterior gaussian --epochs 5 --seed 1
  python3 vae_posteriors.py --posterior iaf --kl-warmup 2000 --epochs 5 --seed 1
"""
import argparse
import gzip
import math
import time

import numpy as np
import torch

from bench_models import IafVae, Vae


def images(folder, name):
    with gzip.open(folder + "/" + name) as f:
        return torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)


def negative_bounds(model, x, k):
    """Summed over the rows of x: the negative ELBO of one draw and the negative k-sample importance-weighted bound."""
    reconstruction, kl = model.terms(x)
    repeated = x.repeat_interleave(k, dim=0)
    log_weights = torch.sub(*model.terms(repeated)).view(-1, k)
    iwae = torch.logsumexp(log_weights, dim=1) - math.log(k)
    return (kl - reconstruction).sum().item(), -iwae.sum().item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posterior", choices=["gaussian", "iaf"], default="gaussian")
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--kl-warmup", type=int, default=0)
    parser.add_argument("--iwae-k", type=int, default=100)
    parser.add_argument("--weight-init", choices=["torch", "xavier"], default="torch",
                        help="PyTorch's default, or DL4J's XAVIER (normal, variance 2 / (fan-in + fan-out), zero biases) "
                             "for the encoder, decoder and context layers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    binarize = torch.Generator().manual_seed(args.seed)
    train = torch.bernoulli(images(args.data, "train-images-idx3-ubyte.gz"), generator=binarize)
    test = torch.bernoulli(images(args.data, "t10k-images-idx3-ubyte.gz"), generator=binarize)
    model = Vae() if args.posterior == "gaussian" else IafVae(steps=args.steps)
    if args.weight_init == "xavier":
        for layer in list(model.encoder) + list(model.decoder) + ([model.context] if args.posterior == "iaf" else []):
            if isinstance(layer, torch.nn.Linear):
                torch.nn.init.normal_(layer.weight, std=math.sqrt(2 / (layer.in_features + layer.out_features)))
                torch.nn.init.zeros_(layer.bias)
    optimizer = torch.optim.Adam(model.parameters(), 1e-3)
    start, iteration = time.time(), 0
    for _ in range(args.epochs):
        for batch in torch.randperm(len(train)).split(128):
            reconstruction, kl = model.terms(train[batch], analytic=True)
            beta = min(1.0, (iteration + 1) / args.kl_warmup) if args.kl_warmup else 1.0
            loss = (beta * kl - reconstruction).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            iteration += 1
    seconds = time.time() - start
    with torch.no_grad():
        sums = [negative_bounds(model, test[i:i + 100], args.iwae_k) for i in range(0, len(test), 100)]
    elbo, iwae = (sum(column) / len(test) for column in zip(*sums))
    steps = args.steps if args.posterior == "iaf" else 0
    print(f"{args.posterior} posterior ({steps} steps), {args.epochs} epochs, KL warm-up {args.kl_warmup}, "
          f"{args.weight_init} weights, seed {args.seed}: test -ELBO {elbo:.2f}, IWAE-{args.iwae_k} {iwae:.2f}, "
          f"gap {elbo - iwae:.2f} nats ({seconds:.0f} s of training)")


if __name__ == "__main__":
    main()
