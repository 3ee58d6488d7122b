"""PyTorch CPU peer for the nn speed bar: 784-100-10 ReLU, softmax cross-entropy,
SGD lr 0.1 momentum 0.9, Fashion-MNIST scaled by 1/255, 2 threads, seed 5.
Prints training examples per second over all epochs (data already in memory) and test accuracy.

usage: /usr/bin/python3 bench/fashion_speed.py [EPOCHS=3] [BATCH=128]
nn's side: dev.nn.bench.FashionSpeed (see bench/README.md)."""
import os
# Debian's torch runs its own 2 threads on top of OpenBLAS's 2 threads; one BLAS thread
# removes the oversubscription and makes it 3-5x faster: the fair, tuned peer.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import sys, time
import torch
from fashion_data import load

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 128
torch.set_num_threads(2)
torch.manual_seed(5)
x, y, xt, yt = load()
model = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
loss_fn = torch.nn.CrossEntropyLoss()
start = time.perf_counter()
epoch_seconds = []
for _ in range(epochs):
    epoch_start = time.perf_counter()
    perm = torch.randperm(len(x))
    for i in range(0, len(x), batch):
        b = perm[i:i + batch]
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x[b]), y[b]).backward()
        opt.step()
    epoch_seconds.append(time.perf_counter() - epoch_start)
elapsed = time.perf_counter() - start
with torch.no_grad():
    acc = (model(xt).argmax(1) == yt).float().mean().item()
later = (f" later_epochs_examples_per_second={(epochs - 1) * len(x) / sum(epoch_seconds[1:]):.0f}"
         if epochs > 1 else "")
print(f"examples_per_second={epochs * len(x) / elapsed:.0f} test_accuracy={acc:.4f} threads={torch.get_num_threads()}"
      f" first_epoch_seconds={epoch_seconds[0]:.3f}{later}")
