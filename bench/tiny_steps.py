"""PyTorch CPU framework overhead: 2-16-16-1 (ReLU, ReLU, sigmoid out, MSE), batch 32, SGD 0.1;
training steps per second, the median of REPEATS timed runs of STEPS steps after a warm-up.

usage: /usr/bin/python3 bench/tiny_steps.py [REPEATS=5] [STEPS=5000]
nn's side: the JMH benchmark dev.nn.bench.TinyNetworkBenchmark."""
import os
# Debian's torch runs its own 2 threads on top of OpenBLAS's 2 threads; one BLAS thread
# removes the oversubscription and makes it 3-5x faster: the fair, tuned peer.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import sys, time, torch
repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
torch.set_num_threads(2); torch.manual_seed(0)
x = torch.randn(32, 2); y = torch.rand(32, 1)
m = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1), torch.nn.Sigmoid())
opt = torch.optim.SGD(m.parameters(), lr=0.1); lf = torch.nn.MSELoss()
def steps(n):
    for _ in range(n):
        opt.zero_grad(set_to_none=True); lf(m(x), y).backward(); opt.step()
steps(max(count // 2, 1)); rates = []
for _ in range(repeats):
    t = time.perf_counter(); steps(count); rates.append(count / (time.perf_counter() - t))
print(f"steps_per_second={sorted(rates)[len(rates) // 2]:.0f} threads={torch.get_num_threads()}")
