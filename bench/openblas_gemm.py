"""OpenBLAS (numpy) float32 GFLOP/s on square and MLP-shaped products, 2 threads; median of 7 timings.

Shapes use the names of the JMH GemmBenchmark: sq<N> is N x N times N x N; <name>_<M>x<K>x<N>[_tA][_tB]
is op(A) (M x K) times op(B) (K x N), a transposed operand stored the other way round and read as a view.

usage: /usr/bin/python3 bench/openblas_gemm.py [--quick] [SHAPE...]
bench/compare.py runs it with the fastest OPENBLAS_CORETYPE it measured (OpenBLAS's own choice is an
SSE3 kernel on CPUs it does not know). The first line says which kernel ran."""
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
import sys, time
import numpy as np

SHAPES = ["sq64", "sq128", "sq256", "sq512", "sq1024",
          "fwd_128x784x100", "dW_784x128x100_tA", "dX_128x100x784_tB",
          "fwd_128x100x10", "dW_100x128x10_tA", "dX_128x10x100_tB"]

def parse(name):
    if name.startswith("sq"):
        n = int(name[2:])
        return n, n, n, False, False
    parts = name.split("_")
    m, k, n = (int(d) for d in parts[1].split("x"))
    return m, k, n, "tA" in parts[2:], "tB" in parts[2:]

def bench(name, timings, target_flops):
    m, k, n, ta, tb = parse(name)
    rng = np.random.default_rng(42)
    a = rng.random((k, m) if ta else (m, k), dtype=np.float32)
    b = rng.random((n, k) if tb else (k, n), dtype=np.float32)
    A = a.T if ta else a
    B = b.T if tb else b
    flops = 2.0 * m * n * k
    reps = max(3, int(target_flops / flops))
    for _ in range(3):
        A @ B
    ts = []
    for _ in range(timings):
        t = time.perf_counter()
        for _ in range(reps):
            A @ B
        ts.append((time.perf_counter() - t) / reps)
    return flops / sorted(ts)[len(ts) // 2] / 1e9

def kernel():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "openblas kernel=unknown (apt-get install python3-threadpoolctl to see it)"
    for lib in threadpool_info():
        if lib.get("internal_api") == "openblas":
            return (f"openblas version={lib.get('version')} kernel={lib.get('architecture')} "
                    f"threads={lib.get('num_threads')}")
    return "openblas kernel=none (numpy is not using OpenBLAS)"

args = sys.argv[1:]
quick = "--quick" in args
names = [a for a in args if a != "--quick"] or SHAPES
print(kernel() + f" OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '')}"
      f" OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', '')} numpy={np.__version__}", flush=True)
for name in names:
    gflops = bench(name, 3 if quick else 7, 5e8 if quick else 2e9)
    print(f"shape={name} gflops={gflops:.1f}", flush=True)
