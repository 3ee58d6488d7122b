"""Whole-process comparison of configs/fashion-mnist-bn.yaml (bin/nn train) with bench/fashion_bn_torch.py:
the two commands alternated RUNS times (default 5), each under /usr/bin/time -v; prints every run and the
medians of wall time, peak memory, training examples/s and test accuracy. --no-bn compares the same networks
without their batch-norm layers. The peer runs with OpenBLAS free to pick its kernel (as compare.py does).

usage: /usr/bin/python3 bench/fashion_bn_compare.py [RUNS] [--no-bn]   (from the repository root, after a build)"""
import os, re, shutil, statistics, subprocess, sys, tempfile

runs = int(next((a for a in sys.argv[1:] if a.isdigit()), 5))
no_bn = '--no-bn' in sys.argv
out = tempfile.mkdtemp(prefix='nn-bn-')
nn = ['bin/nn', 'train', 'configs/fashion-mnist-bn.yaml', '--out', os.path.join(out, 'run')]
if no_bn:
    nn += ['--set', 'model.layers=[{dense: {units: 256}}, gelu, {dense: {units: 128}}, gelu, {dense: {units: 10}}]']
torch = ['/usr/bin/python3', 'bench/fashion_bn_torch.py'] + (['--no-bn'] if no_bn else [])
peer_env = {k: v for k, v in os.environ.items() if k not in ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE')}


def timed(cmd, env):
    p = subprocess.run(['/usr/bin/time', '-v'] + cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {p.stderr[-2000:]}")
    text = p.stdout + p.stderr
    wall = re.search(r'Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)', text)
    seconds = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)))
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', text).group(1)) / 1024
    eps = re.search(r'([\d,]+) examples/s|examples_per_second=(\d+)', text)
    speed = float((eps.group(1) or eps.group(2)).replace(',', ''))
    acc = float(re.search(r'Test accuracy ([\d.]+)|test_accuracy=([\d.]+)', text).group(1)
                or re.search(r'test_accuracy=([\d.]+)', text).group(1))
    return seconds, rss, speed, acc


rows = {'nn': [], 'torch': []}
for i in range(runs):
    shutil.rmtree(os.path.join(out, 'run'), ignore_errors=True)
    rows['nn'].append(timed(nn, os.environ))
    rows['torch'].append(timed(torch, peer_env))
    print(f"run {i + 1}: nn {rows['nn'][-1]}  torch {rows['torch'][-1]}", flush=True)
shutil.rmtree(out, ignore_errors=True)
for name, r in rows.items():
    m = [statistics.median(col) for col in zip(*r)]
    print(f"{name:5s} median wall {m[0]:.2f} s, peak RSS {m[1]:.0f} MiB, training {m[2]:.0f} examples/s,"
          f" test accuracy {m[3]:.4f}  (batch norm {'off' if no_bn else 'on'}, {runs} runs)")
n, t = ([statistics.median(col) for col in zip(*rows[k])] for k in ('nn', 'torch'))
print(f"nn/torch: wall {n[0] / t[0]:.2f}x, memory {n[1] / t[1]:.2f}x, examples/s {n[2] / t[2]:.2f}x")
