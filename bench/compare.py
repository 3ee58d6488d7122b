"""nn beside its peers: each workload's nn figure and the peer's, measured one after the other in this
run (never at the same time: the machine has 2 cores), with the ratio and the issue's target.

usage: /usr/bin/python3 bench/compare.py [--quick] [--only process,training,tiny,gemm,alloc] [--epochs N]

Build the benchmarks first: ./mvnw -q -DskipTests package -pl nn-bench -am
Peers need Debian's python3-torch, python3-sklearn (threadpoolctl) and dataset-fashion-mnist.
See bench/README.md."""
import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
JAR = os.path.join(ROOT, "nn-bench", "target", "benchmarks.jar")
BUILD = "./mvnw -q -DskipTests package -pl nn-bench -am"
FASHION = os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist")
INSTALL_PEERS = "apt-get install python3-torch python3-sklearn dataset-fashion-mnist"

# (shape, what it is, target ratio to OpenBLAS or None): the shapes of GemmBenchmark and openblas_gemm.py.
GEMM = [
    ("sq64", "gemm 64^3", None),
    ("sq128", "gemm 128^3", None),
    ("sq256", "gemm 256^3", None),
    ("sq512", "gemm 512^3", 0.95),
    ("sq1024", "gemm 1024^3", 0.95),
    ("fwd_128x784x100", "gemm 128x784 * 784x100 (fwd)", 0.8),
    ("dW_784x128x100_tA", "gemm (128x784)^T * 128x100 (dW, AtB)", 0.8),
    ("dX_128x100x784_tB", "gemm 128x100 * (784x100)^T (dX, ABt)", 0.8),
    ("fwd_128x100x10", "gemm 128x100 * 100x10 (fwd)", 1.0),
    ("dW_100x128x10_tA", "gemm (128x100)^T * 128x10 (dW, AtB)", 1.0),
    ("dX_128x10x100_tB", "gemm 128x10 * (100x10)^T (dX, ABt)", 1.0),
]
TRAINING_BATCHES = [32, 128, 512]
SCALAR_TARGET_GFLOPS = 20.0


class Run:
    """Runs the commands of one comparison, logging each to the results folder."""

    def __init__(self, args, out):
        self.args = args
        self.out = out
        self.rows = []
        self.commands = []
        self.notes = []

    def show(self, cmd, env):
        """Records and prints cmd as a shell line, with what env changes in this environment."""
        shown = " ".join(shlex.quote(c) for c in cmd)
        if env is not None:
            changed = [f"{k}={v}" for k, v in sorted(env.items()) if os.environ.get(k) != v]
            removed = [k for k in os.environ if k not in env]
            shown = " ".join((["env"] + [f"-u {k}" for k in sorted(removed)] + changed if changed or removed else [])
                             + [shown])
        self.commands.append(shown)
        print(f"  $ {shown}", flush=True)
        return shown

    def note(self, text):
        """A line for the end of the report, printed now too."""
        print("  " + text, flush=True)
        self.notes.append(text)

    def sh(self, label, cmd, env=None, timeout=1800):
        """Runs cmd; returns (ok, stdout). The full output goes to OUT/label.log."""
        shown = self.show(cmd, env)
        log = os.path.join(self.out, label + ".log")
        start = time.monotonic()
        try:
            p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
            stdout, stderr, code = p.stdout, p.stderr, p.returncode
        except subprocess.TimeoutExpired as e:
            stdout, stderr, code = e.stdout or "", (e.stderr or "") + f"\ntimed out after {timeout} s", -1
        except FileNotFoundError as e:
            stdout, stderr, code = "", str(e), -1
        if isinstance(stdout, bytes):
            stdout = stdout.decode(errors="replace")
        if isinstance(stderr, bytes):
            stderr = stderr.decode(errors="replace")
        with open(log, "w") as f:
            f.write(f"$ {shown}\n# exit {code}, {time.monotonic() - start:.1f} s\n{stdout}\n--- stderr ---\n{stderr}")
        if code != 0:
            last = [line for line in (stderr or stdout).strip().splitlines() if line.strip()][-1:] or ["no output"]
            print(f"    failed (exit {code}): {last[0]}  [log: {log}]", flush=True)
            return False, stdout
        return True, stdout

    def row(self, workload, nn, peer, target, unit, met=None, ratio=None, lower_is_better=False):
        """A table row; with lower_is_better (seconds, bytes) the target is a ceiling on nn/peer."""
        self.rows.append(dict(workload=workload, nn=nn, peer=peer, target=target, unit=unit, met=met, ratio=ratio,
                              lower=lower_is_better))

    def timed(self, label, cmd, env=None, timeout=1800):
        """Runs cmd as a whole process; returns (ok, wall seconds, peak resident memory in bytes, output).
        The peak is wait4's ru_maxrss: the largest of the process and the children it waited for, as
        /usr/bin/time -v reports it."""
        shown = self.show(cmd, env)
        log = os.path.join(self.out, label + ".log")
        with open(log, "w+") as f:
            f.write(f"$ {shown}\n")
            f.flush()
            start = time.monotonic()
            p = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            limit = threading.Timer(timeout, p.kill)
            limit.start()
            # Reaped by wait4 rather than Popen.wait, whose waitpid drops the child's resource usage.
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.monotonic() - start
            limit.cancel()
            p.returncode = os.waitstatus_to_exitcode(status)
            f.write(f"\n# exit {p.returncode}, {wall:.2f} s, peak {usage.ru_maxrss / 1024:.0f} MiB\n")
            f.seek(0)
            output = f.read()
        if p.returncode != 0:
            print(f"    failed (exit {p.returncode})  [log: {log}]", flush=True)
        return p.returncode == 0, wall, usage.ru_maxrss * 1024, output

    def jmh(self, label, selector, params, extra=()):
        """Runs JMH benchmarks; returns their JSON results (empty on failure)."""
        out = os.path.join(self.out, label + ".json")
        cmd = [self.args.java, "-jar", JAR, selector]
        for k, v in params.items():
            cmd += ["-p", f"{k}={v}"]
        cmd += list(self.args.jmh_options) + list(extra) + ["-rf", "json", "-rff", out]
        ok, stdout = self.sh(label, cmd)
        try:
            with open(out) as f:
                results = json.load(f)
        except (OSError, ValueError):
            results = []
        # JMH goes on after a benchmark fails and exits 0; say why a figure is missing.
        reason = next((line.strip() for line in stdout.splitlines()
                       if "Exception" in line or "Error:" in line), None)
        if reason:
            note = f"{label}: a benchmark failed: {reason} (log: {os.path.join(self.out, label + '.log')})"
            print("    " + note, flush=True)
            self.notes.append(note)
        return results


def parse_kv(text):
    """key=value pairs from a peer's or FashionSpeed's output, last line wins."""
    values = {}
    for line in text.splitlines():
        for part in line.split():
            if "=" in part:
                k, v = part.split("=", 1)
                values[k] = v
    return values


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def capture(cmd, env=None):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
        return (p.stdout + p.stderr).strip()
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unavailable ({e})"


# The OpenBLAS kernel both peers run with (Debian's torch does its matrix products through OpenBLAS too):
# None lets OpenBLAS detect the CPU; see choose_kernel.
KERNEL = {"coretype": None, "note": None}


def blas_env(threads):
    """os.environ without the variables that pin an older kernel on some machines, with the chosen kernel."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    if KERNEL["coretype"]:
        env["OPENBLAS_CORETYPE"] = KERNEL["coretype"]
    return env


def torch_env():
    """The tuned PyTorch peer: one OpenBLAS thread under torch's own 2 threads (see fashion_speed.py)."""
    return blas_env(1)


def numpy_env():
    """OpenBLAS at its best, on 2 threads."""
    return blas_env(2)


def choose_kernel(args):
    """Times numpy's 512^3 float32 product with OpenBLAS's own choice of kernel and with the kernels this
    CPU can run, and keeps the fastest for both peers. OpenBLAS 0.3.21 does not know every current CPU:
    on one it does not recognise it falls back to an SSE3 kernel (Prescott) that is 2-3x slower than its
    AVX-512 one, and torch's training slows with it. Peers are compared at their best."""
    flags = []
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        pass
    candidates = [None] + (["SkylakeX"] if "avx512f" in flags else []) + (["Haswell"] if "avx2" in flags else [])
    probe = ("import time, numpy as np\n"
             "from threadpoolctl import threadpool_info as t\n"
             "a = np.random.default_rng(1).random((512, 512), dtype=np.float32)\n"
             "for _ in range(5): a @ a\n"
             "ts = []\n"
             "for _ in range(7):\n"
             "    s = time.perf_counter()\n"
             "    for _ in range(10): a @ a\n"
             "    ts.append((time.perf_counter() - s) / 10)\n"
             "k = [l.get('architecture') for l in t() if l.get('internal_api') == 'openblas']\n"
             "print(2 * 512 ** 3 / sorted(ts)[3] / 1e9, k[0] if k else 'unknown')\n")
    results = []
    for coretype in candidates:
        KERNEL["coretype"] = coretype
        words = capture([args.python, "-c", probe], numpy_env()).split()
        if len(words) == 2 and number(words[0]) is not None:
            results.append((number(words[0]), coretype, words[1]))
    KERNEL["coretype"] = None
    if not results:
        return
    auto = next((r for r in results if r[1] is None), None)
    best = max(results)
    if auto and (best[1] is None or best[0] < 1.1 * auto[0]):
        return
    KERNEL["coretype"] = best[1]
    KERNEL["note"] = (f"OpenBLAS picks its {auto[2] if auto else 'own'} kernel here"
                      + (f" ({auto[0]:.0f} GFLOP/s at 512^3)" if auto else "")
                      + f"; OPENBLAS_CORETYPE={best[1]} runs its {best[2]} kernel at {best[0]:.0f}, so both peers use it")


def environment(args):
    """The header printed beside every figure: what machine, which JVM, which peers."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    flags = ""
    try:
        with open("/proc/cpuinfo") as f:
            words = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
            flags = " ".join(w for w in ("avx2", "fma", "avx512f") if w in words)
    except OSError:
        pass
    java = capture([args.java, "-version"]).splitlines()
    torch = capture([args.python, "-c", "import torch; print(torch.__version__)"], torch_env()).splitlines()
    blas = capture([args.python, "-c",
                    "import numpy; from threadpoolctl import threadpool_info as t; "
                    "print(numpy.__version__, [(l.get('internal_api'), l.get('version'), l.get('architecture')) "
                    "for l in t() if l.get('user_api') == 'blas'])"], numpy_env()).splitlines()
    commit = capture(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    dirty = capture(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"])
    load = os.getloadavg()
    lines = [
        f"date        {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"nn          {commit}{' (uncommitted changes)' if dirty else ''}",
        f"cpu         {cpu} ({flags})",
        f"cores       {os.cpu_count()} online; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        f"os          {platform.platform()}",
        f"java        {' | '.join(java[:3]) if java else 'not found'}",
        f"torch       {torch[-1] if torch and 'Error' not in torch[-1] else 'not installed (apt-get install python3-torch)'}",
        f"numpy/blas  {blas[-1] if blas and 'Error' not in blas[-1] else 'unknown (apt-get install python3-sklearn for threadpoolctl)'}",
    ]
    given = [f"{v}={os.environ[v]}" for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")
             if v in os.environ]
    if given:
        lines.append(f"env         {' '.join(given)}: ignored; the numpy peer runs with 2 OpenBLAS threads, "
                     "the torch peers with OPENBLAS_NUM_THREADS=1, both with the kernel below")
    if KERNEL["note"]:
        lines.append(f"blas kernel {KERNEL['note']}")
    if load[0] > 0.5:
        lines.append(f"WARNING     the machine is busy (load {load[0]:.2f}): figures measured now are not final")
    return lines


def missing_peer(args, module, what, package, env=None):
    """None when args.python imports module, else the note saying which Debian package brings it."""
    ok = subprocess.run([args.python, "-c", f"import {module}"], capture_output=True, env=env).returncode == 0
    return None if ok else f"{what} peer missing: apt-get install {package} (for {args.python})"


def missing_torch(args):
    return missing_peer(args, "torch", "PyTorch", "python3-torch", torch_env())


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def whole_process(run, name, nn_cmd, peer_cmd, peer_env, wall_target, memory_target):
    """Times two complete commands, alternating them, and adds their median wall time and peak memory.
    One untimed run of each comes first: bin/nn makes its class-data archive and the peer's files reach
    the page cache, as for any user's second run."""
    args = run.args
    runs = {"nn": [], "peer": []}
    sides = [("nn", nn_cmd, None), ("peer", peer_cmd, peer_env)]
    for side, cmd, env in sides:
        run.timed(f"{name}-{side}-warm-up", cmd(0), env)
    for rep in range(1, args.process_repeats + 1):
        for side, cmd, env in sides if rep % 2 else reversed(sides):
            ok, wall, peak, _ = run.timed(f"{name}-{side}-{rep}", cmd(rep), env)
            if ok:
                runs[side].append((wall, peak / 2 ** 20))
                print(f"    {side}: {wall:.2f} s, {peak / 2 ** 20:.0f} MiB peak", flush=True)
    for label, index, target, unit in (("wall time, s", 0, wall_target, " s"), ("peak memory, MiB", 1, memory_target, "")):
        nn = median(r[index] for r in runs["nn"])
        peer = median(r[index] for r in runs["peer"])
        run.row(f"{name} whole process, {label} (median of {args.process_repeats})", nn, peer, target, unit,
                lower_is_better=True)


def process(run):
    """The jobs as a user runs them: the whole command against the peer's whole script."""
    args = run.args
    nn = os.path.join(ROOT, "bin", "nn")
    scratch = os.path.join(run.out, "runs")
    print("\n== whole process: bin/nn train configs/digits.yaml vs digits_sklearn.py (scikit-learn)")
    sklearn_missing = missing_peer(args, "sklearn", "scikit-learn", "python3-sklearn")
    if sklearn_missing:
        run.note(sklearn_missing)
    else:
        whole_process(run, "digits",
                      lambda i: [nn, "train", "configs/digits.yaml", "--out", os.path.join(scratch, f"digits-{i}")],
                      lambda i: [args.python, os.path.join(HERE, "digits_sklearn.py")], numpy_env(), 1.0, 2.0)
    print(f"\n== whole process: bin/nn train configs/fashion-mnist.yaml, {args.epochs} epochs, batch 128, no validation"
          " split vs fashion_speed.py (PyTorch)")
    torch_missing = missing_torch(args)
    data_missing = not os.path.exists(os.path.join(FASHION, "train-images-idx3-ubyte.gz"))
    for missing in [m for m in (torch_missing, data_missing and
                                f"Fashion-MNIST missing at {FASHION}: apt-get install dataset-fashion-mnist") if m]:
        run.note(missing)
    if not torch_missing and not data_missing:
        # The peer trains on all 60,000 training images and tests on the 10,000: so does nn here.
        whole_process(run, "fashion-mnist",
                      lambda i: [nn, "train", "configs/fashion-mnist.yaml", "--set", f"train.epochs={args.epochs}",
                                 "--set", "data.validation=0", "--out", os.path.join(scratch, f"fashion-{i}")],
                      lambda i: [args.python, os.path.join(HERE, "fashion_speed.py"), str(args.epochs), "128"],
                      torch_env(), 0.8, 1.0)


def training(run):
    args = run.args
    print("\n== training throughput: nn FashionSpeed vs fashion_speed.py (PyTorch), 784-100-10, Fashion-MNIST")
    data_missing = not os.path.exists(os.path.join(FASHION, "train-images-idx3-ubyte.gz"))
    torch_missing = missing_torch(args)
    if data_missing:
        note = f"Fashion-MNIST missing at {FASHION}: apt-get install dataset-fashion-mnist"
        run.note(note)
    if torch_missing:
        run.note(torch_missing)
    for batch in TRAINING_BATCHES:
        nn_runs, peer_runs, nn_later, peer_later = [], [], [], []
        # Alternate the two sides and keep each one's best: a neighbour's burst then costs both alike.
        for rep in range(args.repeats if not data_missing else 0):
            ok, out = run.sh(f"fashion-nn-b{batch}-{rep + 1}",
                             [args.java, "--add-modules", "jdk.incubator.vector", "-cp", JAR,
                              "dev.nn.bench.FashionSpeed", str(args.epochs), str(batch), "2"])
            kv = parse_kv(out) if ok else {}
            if number(kv.get("examples_per_second")) is not None:
                nn_runs.append(number(kv["examples_per_second"]))
                later = number(kv.get("later_epochs_examples_per_second"))
                if later is not None:
                    nn_later.append(later)
                print(f"    nn:   {nn_runs[-1]:,.0f} examples/s, test accuracy {kv.get('test_accuracy')}, "
                      f"engine {kv.get('engine')}; first epoch {kv.get('first_epoch_seconds')} s (JIT warm-up)"
                      + (f", later epochs {later:,.0f} examples/s" if later is not None else ""))
            if torch_missing:
                continue
            ok, out = run.sh(f"fashion-torch-b{batch}-{rep + 1}",
                             [args.python, os.path.join(HERE, "fashion_speed.py"), str(args.epochs), str(batch)],
                             env=torch_env())
            kv = parse_kv(out) if ok else {}
            if number(kv.get("examples_per_second")) is not None:
                peer_runs.append(number(kv["examples_per_second"]))
                later = number(kv.get("later_epochs_examples_per_second"))
                if later is not None:
                    peer_later.append(later)
                print(f"    peer: {peer_runs[-1]:,.0f} examples/s, test accuracy {kv.get('test_accuracy')}"
                      + (f"; later epochs {later:,.0f} examples/s" if later is not None else ""))
        run.row(f"training batch {batch}, examples/s (vs PyTorch)",
                "missing" if data_missing else max(nn_runs, default=None),
                "missing" if torch_missing or data_missing else max(peer_runs, default=None), 1.5, "")
        if args.epochs > 1:
            # Epochs 2..N alone: nn's first epoch carries the JIT's compilation of its vector kernels.
            run.row(f"  the same, epochs 2-{args.epochs} only (after JIT warm-up)",
                    "missing" if data_missing else max(nn_later, default=None),
                    "missing" if torch_missing or data_missing else max(peer_later, default=None), 1.5, "")


def tiny(run):
    args = run.args
    print("\n== tiny 2-16-16-1 network, batch 32: JMH TinyNetworkBenchmark vs tiny_steps.py (PyTorch)")
    # expectedWork=0: what the trainer tells the engine of a job this small (the plain kernels).
    results = run.jmh("tiny-nn", "TinyNetworkBenchmark", {"threads": 2, "expectedWork": 0})
    nn = next((r["primaryMetric"]["score"] for r in results), None)
    torch_missing = missing_torch(args)
    peer = None
    if torch_missing:
        run.note(torch_missing)
    else:
        repeats, steps = ("3", "1000") if args.quick else ("5", "5000")
        ok, out = run.sh("tiny-torch", [args.python, os.path.join(HERE, "tiny_steps.py"), repeats, steps],
                         env=torch_env())
        peer = number(parse_kv(out).get("steps_per_second")) if ok else None
    run.row("tiny network, steps/s (vs PyTorch)", nn, "missing" if torch_missing else peer, 20, "")


def gemm(run):
    args = run.args
    shapes = [s for s, _, _ in GEMM]
    print("\n== gemm float32 GFLOP/s, 2 threads: JMH GemmBenchmark (vector engine) vs openblas_gemm.py (numpy)")
    vector = run.jmh("gemm-nn-vector", "GemmBenchmark", {"shape": ",".join(shapes), "engine": "vector", "threads": 2})
    scalar = run.jmh("gemm-nn-scalar", "GemmBenchmark", {"shape": "sq512", "engine": "scalar", "threads": 2})
    nn = {r["params"]["shape"]: r["secondaryMetrics"]["gflop"]["score"] for r in vector}
    if not vector:
        note = ("nn's vector engine gave no gemm figures: is it in this build, and does the JVM have "
                "--add-modules jdk.incubator.vector?")
        run.note(note)
    peer = {}
    numpy_missing = missing_peer(args, "numpy", "numpy", "python3-numpy")
    if numpy_missing:
        run.note(numpy_missing)
    else:
        cmd = [args.python, os.path.join(HERE, "openblas_gemm.py")] + (["--quick"] if args.quick else []) + shapes
        ok, out = run.sh("gemm-openblas", cmd, env=numpy_env())
        for line in out.splitlines():
            kv = parse_kv(line)
            if "shape" in kv:
                peer[kv["shape"]] = number(kv.get("gflops"))
            elif "kernel" in kv:
                print(f"    numpy peer: OpenBLAS {kv.get('version')} kernel {kv['kernel']}, {kv.get('threads')} threads")
                run.notes.append(f"numpy peer ran OpenBLAS {kv.get('version')} with the {kv['kernel']} kernel")
    for shape, label, target in GEMM:
        run.row(label + ", GFLOP/s (vs OpenBLAS)", nn.get(shape), "missing" if numpy_missing else peer.get(shape),
                target, "")
    s = next((r["secondaryMetrics"]["gflop"]["score"] for r in scalar), None)
    run.row("gemm 512^3, scalar fallback engine, GFLOP/s", s, None, None, "",
            met=None if s is None else s >= SCALAR_TARGET_GFLOPS, ratio=f">= {SCALAR_TARGET_GFLOPS:.0f} GFLOP/s")


def alloc(run):
    print("\n== training step 784-100-10 (JMH TrainingStepBenchmark -prof gc): examples/s and bytes allocated per step")
    results = run.jmh("step-nn", "TrainingStepBenchmark", {"threads": 2}, ["-prof", "gc"])
    by_batch = {int(r["params"]["batch"]): r for r in results}
    for batch in TRAINING_BATCHES:
        r = by_batch.get(batch)
        examples = r["secondaryMetrics"].get("examples", {}).get("score") if r else None
        norm = r["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score") if r else None
        if examples is not None:
            print(f"    batch {batch}: {examples:,.0f} examples/s in the step alone, {norm:,.1f} bytes allocated per step")
        # JMH's own bookkeeping can show a fraction of a byte per call; under one byte is nothing allocated.
        run.row(f"bytes allocated per step, batch {batch}", norm, None, None, " B",
                met=None if norm is None else norm < 1, ratio="0 B")


def fmt(value, unit=""):
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    if value >= 1000:
        return f"{value:,.0f}{unit}"
    return f"{value:.1f}{unit}"


def table(run):
    header = ["workload", "nn", "peer", "ratio", "target", "met?"]
    lines = []
    for r in run.rows:
        nn, peer, target = r["nn"], r["peer"], r["target"]
        ratio = r["ratio"]
        met = r["met"]
        if isinstance(nn, float) and isinstance(peer, float) and peer > 0:
            value = nn / peer
            ratio = f"{value:.2f}x"
            if r["lower"]:
                met = None if target is None else value <= target
                target_text = "-" if target is None else f"<= {target:g}x"
            else:
                met = None if target is None else value >= target
                target_text = "-" if target is None else f">= {target:g}x"
        elif ratio is not None:
            target_text, ratio = ratio, "-"
        else:
            ratio = "-"
            target_text = "-" if target is None else f">= {target:g}x"
        lines.append([r["workload"], fmt(nn, r["unit"]), fmt(peer), ratio, target_text,
                      "-" if met is None else ("yes" if met else "NO")])
    widths = [max(len(x[i]) for x in [header] + lines) for i in range(len(header))]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |",
           "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for line in lines:
        out.append("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths)))
                   + " |")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run in about 1.5 minutes: 1 epoch, 1 warm-up and 2 measured JMH iterations of 0.5 s")
    parser.add_argument("--only", default="process,training,tiny,gemm,alloc",
                        help="comma-separated workloads to run (default: process,training,tiny,gemm,alloc)")
    parser.add_argument("--epochs", type=int, help="epochs per Fashion-MNIST run (default 3, quick 1)")
    parser.add_argument("--repeats", type=int,
                        help="Fashion-MNIST runs per side and batch size, alternating; the best counts (default 3, quick 1)")
    parser.add_argument("--process-repeats", type=int,
                        help="timed whole-process runs per side, alternating; the medians count (default 5, quick 1)")
    parser.add_argument("--jmh", default=None,
                        help="JMH options instead of the defaults, e.g. '-wi 5 -i 10' (default: the benchmarks' own "
                             "3 x 1 s warm-up and 5 x 1 s measurement; quick: '-wi 1 -i 2 -w 500ms -r 500ms')")
    parser.add_argument("--java", default="java", help="the java command (default: java on the PATH)")
    parser.add_argument("--python", default="/usr/bin/python3",
                        help="the Python that runs the peers (default: Debian's /usr/bin/python3, where apt installs torch)")
    parser.add_argument("--out", default=None, help="folder for logs and JMH results (default: a new temporary folder)")
    args = parser.parse_args()
    args.epochs = args.epochs or (1 if args.quick else 3)
    args.repeats = args.repeats or (1 if args.quick else 3)
    args.process_repeats = args.process_repeats or (1 if args.quick else 5)
    if args.jmh is not None:
        args.jmh_options = shlex.split(args.jmh)
    else:
        args.jmh_options = ["-wi", "1", "-i", "2", "-w", "500ms", "-r", "500ms"] if args.quick else []
    workloads = {"process": process, "training": training, "tiny": tiny, "gemm": gemm, "alloc": alloc}
    chosen = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = [w for w in chosen if w not in workloads]
    if unknown:
        parser.error(f"--only: unknown workload {', '.join(unknown)}; choose from {', '.join(workloads)}")
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: build it first with\n  cd {ROOT} && {BUILD}")
    out = args.out or tempfile.mkdtemp(prefix="nn-bench-")
    os.makedirs(out, exist_ok=True)

    choose_kernel(args)
    env = environment(args)
    print("nn vs peers" + (" (QUICK run: smoke figures, not measurements)" if args.quick else ""))
    for line in env:
        print("  " + line)
    run = Run(args, out)
    start = time.monotonic()
    for w in chosen:
        workloads[w](run)

    print(f"\n== results ({time.monotonic() - start:.0f} s; logs and JMH JSON in {out})\n")
    for line in env:
        print(line)
    print()
    for line in table(run):
        print(line)
    if run.notes:
        print()
        for note in dict.fromkeys(run.notes):
            print("note: " + note)
    print("\ncommands, in the order they first ran (each from the repository root):")
    for c in dict.fromkeys(run.commands):
        times = run.commands.count(c)
        print("  " + c + (f"    # x{times}" if times > 1 else ""))


if __name__ == "__main__":
    main()
