"""Peer for RegistryLoadBenchmark: parse the same bundled YAML files with PyYAML.

PyYAML only parses; it checks nothing (Trellis also validates every field, date,
cross-reference and id). Usage: python3 bench/registry/pyyaml_load.py [data-dir]
"""
import glob
import os
import statistics
import sys
import time

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
data = sys.argv[1] if len(sys.argv) > 1 else "data"
files = [os.path.join(data, "states/states.yaml"), os.path.join(data, "facilities/facilities.yaml"),
         os.path.join(data, "exercises/exercises.yaml")] + sorted(glob.glob(os.path.join(data, "agreements/*/agreement.yaml")))


def load_all():
    for f in files:
        with open(f, encoding="utf-8") as fh:
            yaml.load(fh, Loader=Loader)


for _ in range(3):
    load_all()
times = []
for _ in range(30):
    t = time.perf_counter()
    load_all()
    times.append((time.perf_counter() - t) * 1000)
print(f"PyYAML {yaml.__version__} ({Loader.__name__}) parse of {len(files)} files: "
      f"mean {statistics.mean(times):.2f} ms, median {statistics.median(times):.2f} ms, min {min(times):.2f} ms")
