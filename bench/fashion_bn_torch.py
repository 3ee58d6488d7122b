"""PyTorch CPU peer of configs/fashion-mnist-bn.yaml: 784-256-128-10, each hidden dense layer followed by
BatchNorm1d and GELU, softmax cross-entropy, AdamW (weight decay 0.01) under OneCycleLR (max_lr 0.002, stepped
per batch, no momentum cycling, as nn's one_cycle), batch 128, 10 epochs, Fashion-MNIST scaled by 1/255,
all 60,000 training images, 2 threads, seed 5. Prints training examples per second and test accuracy.

usage: /usr/bin/python3 bench/fashion_bn_torch.py [EPOCHS=10] [--no-bn]
--no-bn drops the two BatchNorm1d layers (the same network otherwise), to show what batch norm costs.
nn's side: bin/nn train configs/fashion-mnist-bn.yaml (see bench/README.md)."""
import os
# As bench/fashion_speed.py: one OpenBLAS thread under torch's own two is the tuned peer.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import sys, time
import torch
from fashion_data import load

args = [a for a in sys.argv[1:] if not a.startswith('--')]
bn = '--no-bn' not in sys.argv
epochs = int(args[0]) if args else 10
batch = 128
torch.set_num_threads(2)
torch.manual_seed(5)
x, y, xt, yt = load()


def block(n_in, n_out):
    return [torch.nn.Linear(n_in, n_out)] + ([torch.nn.BatchNorm1d(n_out)] if bn else []) + [torch.nn.GELU()]


model = torch.nn.Sequential(*block(784, 256), *block(256, 128), torch.nn.Linear(128, 10))
opt = torch.optim.AdamW(model.parameters(), lr=0.002, weight_decay=0.01)
steps_per_epoch = (len(x) + batch - 1) // batch
schedule = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.002, epochs=epochs, steps_per_epoch=steps_per_epoch,
                                               cycle_momentum=False)
loss_fn = torch.nn.CrossEntropyLoss()
model.train()
start = time.perf_counter()
for _ in range(epochs):
    perm = torch.randperm(len(x))
    for i in range(0, len(x), batch):
        b = perm[i:i + batch]
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x[b]), y[b]).backward()
        opt.step()
        schedule.step()
elapsed = time.perf_counter() - start
model.eval()
with torch.no_grad():
    acc = (model(xt).argmax(1) == yt).float().mean().item()
print(f"batch_norm={bn} epochs={epochs} examples_per_second={epochs * len(x) / elapsed:.0f} "
      f"train_seconds={elapsed:.2f} test_accuracy={acc:.4f} threads={torch.get_num_threads()}")
