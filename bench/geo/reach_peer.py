"""Peer for ReachBenchmark.HaversineFilter: the same haversine filter in Python.

Reads data/facilities/facilities.yaml with PyYAML once (not timed), then times: great-circle
distance from (21.0 N, 121.0 E) to every facility on a sphere of radius 6371.0088 km, keep those
within 600 km, sort by distance. Checks first that it finds the same facilities as
`trellis reach` would before any legal filter. Usage: python3 bench/geo/reach_peer.py [data-dir]
"""
import math
import os
import statistics
import sys
import timeit

import yaml

R = 6371.0088
LAT, LON, RADIUS_KM = 21.0, 121.0, 600.0
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
data = sys.argv[1] if len(sys.argv) > 1 else "data"
with open(os.path.join(data, "facilities/facilities.yaml"), encoding="utf-8") as fh:
    facilities = [(f["id"], float(f["lat"]), float(f["lon"])) for f in yaml.load(fh, Loader=Loader)["facilities"]]


def haversine_km(lat1, lon1, lat2, lon2):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    s_dphi = math.sin(math.radians(lat2 - lat1) / 2)
    s_dlam = math.sin(math.radians(lon2 - lon1) / 2)
    h = s_dphi * s_dphi + math.cos(phi1) * math.cos(phi2) * s_dlam * s_dlam
    return 2 * R * math.asin(math.sqrt(min(1.0, max(0.0, h))))


def reach_filter():
    hits = []
    for fid, lat, lon in facilities:
        km = haversine_km(LAT, LON, lat, lon)
        if km <= RADIUS_KM:
            hits.append((fid, km))
    hits.sort(key=lambda x: x[1])
    return hits


hits = reach_filter()
print("within 600 km: " + ", ".join(f"{fid} {km:.1f}" for fid, km in hits))
number = 20000
runs = [t / number * 1e6 for t in timeit.repeat(reach_filter, number=number, repeat=15)]
print(f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__}: haversine filter over {len(facilities)} facilities, "
      f"{number} calls x 15 runs: mean {statistics.mean(runs):.2f} us, median {statistics.median(runs):.2f} us, "
      f"min {min(runs):.2f} us per call")
