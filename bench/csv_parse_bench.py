"""How fast nn's csv dataset reads a table, beside pandas.read_csv on the same file.

Generates (once, seeded) a CSV of at least 200 MB in /tmp with the columns a real table has: an id,
whole and decimal numbers (some printed with every digit, as Python's repr writes them), a few category
columns of words, a boolean column, empty and NA cells, and a numeric target. Then times, alternating
which goes first, RUNS times each (default 5), as complete processes under /usr/bin/time -v:

  pandas  /usr/bin/python3 -c "import pandas; pandas.read_csv(FILE)"
  nn      java ... dev.nn.bench.CsvParseSpeed FILE: the csv dataset through the registry, as a pipeline's
          data.dataset: {csv: {path: FILE, target: price, drop: [id]}} loads it (the task inferred), and
          nothing else; the JVM flags are bin/nn's (the Vector API module, the serial collector)

and prints every run and the medians of wall seconds, MB/s (file size / median wall) and peak RSS.

usage: /usr/bin/python3 bench/csv_parse_bench.py [RUNS] [--rows N] [--keep]
       (from the repository root, after ./mvnw -DskipTests package -pl nn-bench -am)"""
import os, re, statistics, subprocess, sys

import numpy as np

runs = int(next((a for a in sys.argv[1:] if a.isdigit()), 5))
rows = int(sys.argv[sys.argv.index('--rows') + 1]) if '--rows' in sys.argv else 2_000_000
path = f'/tmp/nn-csv-bench-{rows}.csv'
jar = 'nn-bench/target/benchmarks.jar'
if not os.path.exists(jar):
    sys.exit(f'{jar} is missing: ./mvnw -q -DskipTests package -pl nn-bench -am')


def generate():
    rng = np.random.default_rng(16)
    cities = np.array(['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Nice', 'Nantes', 'Strasbourg', 'Montpellier',
                       'Bordeaux', 'Lille', 'Rennes', 'Reims', 'Le Havre', 'Saint-Etienne', 'Toulon', 'Grenoble',
                       'Dijon', 'Angers', 'Nimes', 'Villeurbanne'])
    plans = np.array(['basic', 'plus', 'pro', 'enterprise'])
    colours = np.array([f'colour{k:03d}' for k in range(300)])
    chunk = 100_000
    tmp = path + '.part'
    with open(tmp, 'w') as f:
        f.write('id,rooms,area,age,lat,lon,income,score,ratio,city,plan,colour,garden,price\n')
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            ids = np.arange(start, start + n)
            rooms = rng.integers(1, 9, n).astype(str).astype(object)
            rooms[rng.random(n) < 0.03] = ''
            area = np.char.mod('%.1f', rng.normal(80, 25, n)).astype(object)
            age = np.char.mod('%d', rng.integers(0, 120, n)).astype(object)
            age[rng.random(n) < 0.05] = 'NA'
            lat = np.char.mod('%.6f', rng.uniform(42, 51, n))
            lon = np.char.mod('%.6f', rng.uniform(-5, 8, n))
            income = np.array([repr(v) for v in rng.lognormal(10, 0.5, n).tolist()], dtype=object)
            income[rng.random(n) < 0.02] = ''
            score = np.char.mod('%.3e', rng.normal(0, 1, n))
            ratio = np.array([repr(v) for v in rng.random(n).tolist()], dtype=object)
            city = cities[rng.integers(0, len(cities), n)].astype(object)
            city[rng.random(n) < 0.02] = ''
            plan = plans[rng.integers(0, len(plans), n)].astype(object)
            plan[rng.random(n) < 0.01] = 'NA'
            colour = colours[rng.integers(0, len(colours), n)]
            garden = np.where(rng.random(n) < 0.4, 'true', 'false').astype(object)
            garden[rng.random(n) < 0.01] = ''
            price = np.char.mod('%.2f', rng.lognormal(12, 0.4, n))
            cols = [ids.astype(str), rooms, area, age, lat, lon, income, score, ratio, city, plan, colour, garden,
                    price]
            lines = [','.join(map(str, r)) for r in zip(*cols)]
            f.write('\n'.join(lines))
            f.write('\n')
    os.replace(tmp, path)


if not os.path.exists(path):
    print(f'generating {path} ...', flush=True)
    generate()
size = os.path.getsize(path)
if size < 200e6:
    sys.exit(f'{path} is {size / 1e6:.0f} MB; give more --rows')

pandas = ['/usr/bin/python3', '-c', f'import pandas; d = pandas.read_csv({path!r}); print(d.shape)']
nn = ['java', '--add-modules', 'jdk.incubator.vector', '-XX:+UseSerialGC', '-cp', jar,
      'dev.nn.bench.CsvParseSpeed', path]


def timed(cmd):
    p = subprocess.run(['/usr/bin/time', '-v'] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {p.stderr[-2000:]}")
    text = p.stdout + p.stderr
    wall = re.search(r'Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)', text)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', text).group(1)) / 1024
    return seconds, rss, p.stdout.strip().splitlines()[-1]


java = subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]
print(f'file: {path}, {size / 1e6:.1f} MB, {rows} rows; {os.cpu_count()} cores, load average'
      f' {os.getloadavg()[0]:.2f}; {java}; pandas {subprocess.run(["/usr/bin/python3", "-c", "import pandas; print(pandas.__version__)"], capture_output=True, text=True).stdout.strip()}',
      flush=True)
print('pandas: ' + ' '.join(pandas))
print('nn:     ' + ' '.join(nn))
timed(pandas), timed(nn)  # one untimed run of each, so that the file and both programs are in the page cache
results = {'pandas': [], 'nn': []}
for i in range(runs):
    order = [('pandas', pandas), ('nn', nn)] if i % 2 == 0 else [('nn', nn), ('pandas', pandas)]
    for name, cmd in order:
        results[name].append(timed(cmd))
    print(f"run {i + 1}: " + '  '.join(f"{k} {v[-1][0]:.2f} s {v[-1][1]:.0f} MiB ({v[-1][2]})"
                                       for k, v in results.items()), flush=True)
medians = {}
for name, r in results.items():
    wall = statistics.median(x[0] for x in r)
    rss = statistics.median(x[1] for x in r)
    medians[name] = (wall, rss)
    print(f'{name:6s} median wall {wall:.2f} s, {size / 1e6 / wall:.0f} MB/s, peak RSS {rss:.0f} MiB ({runs} runs)')
print(f"nn/pandas: wall {medians['nn'][0] / medians['pandas'][0]:.2f}x,"
      f" memory {medians['nn'][1] / medians['pandas'][1]:.2f}x; load average now {os.getloadavg()[0]:.2f}")
if '--keep' not in sys.argv:
    os.remove(path)
