#!/usr/bin/python3
"""Trellis's network metrics side by side with NetworkX and igraph (issue 4's performance targets).

Run from anywhere inside the repository, with Debian's python3-networkx and python3-igraph
(apt-get install -y python3-networkx python3-igraph python3-scipy):

    /usr/bin/python3 bench/network/compare.py            # check, time, write bench/results/network-<date>.md
    /usr/bin/python3 bench/network/compare.py --quick    # check and time the snapshot only

1. Generates a seeded G(n, m) random graph (default 200 nodes, 5,000 ties, integer weights 1..3) as an edge list.
2. Runs `trellis network metrics --source csv:FILE --format json` on it and checks that every value agrees with
   NetworkX to 1e-9: degree, strength, normalised betweenness (unweighted, and weighted with length = 1/weight),
   eigenvector (nx.eigenvector_centrality), harmonic closeness, core number, clustering, node and tie counts,
   density, transitivity and the Freeman centralisations. It stops with exit code 1 on any disagreement.
3. Publishes the CLI (ReadyToRun) and times whole processes with hyperfine: `trellis network metrics` against
   bench/network/igraph_metrics.py, on the bundled registry and on the edge list.
4. Times all metrics of that snapshot in NetworkX and in igraph (best of --repeat runs, ten seeded Louvain runs
   each, as Trellis does) and in Trellis (BenchmarkDotNet, in process, on the same edge list), and the timeline
   and candidate-ranking benchmarks; writes the results with command, commit and machine.
"""
import argparse
import datetime
import glob
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time

import igraph as ig
import networkx as nx

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOLERANCE = 1e-9


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def generate(n, m, seed, path):
    rng = random.Random(seed)
    names = ["N%03d" % i for i in range(n)]
    edges = set()
    while len(edges) < m:
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            edges.add((min(u, v), max(u, v)))
    rows = [(names[u], names[v], rng.randint(1, 3)) for u, v in sorted(edges)]
    with open(path, "w") as f:
        f.write("source,target,weight\n")
        for a, b, w in rows:
            f.write("%s,%s,%d\n" % (a, b, w))
    return names, rows


def networkx_graph(names, rows):
    g = nx.Graph()
    g.add_nodes_from(names)
    for a, b, w in rows:
        g.add_edge(a, b, weight=float(w), length=1.0 / w)
    return g


def igraph_graph(names, rows):
    index = {n: i for i, n in enumerate(names)}
    g = ig.Graph(n=len(names), edges=[(index[a], index[b]) for a, b, _ in rows])
    g.vs["name"] = names
    g.es["weight"] = [float(w) for _, _, w in rows]
    g.es["length"] = [1.0 / w for _, _, w in rows]
    return g


def networkx_all(g, runs=10):
    """Every metric `trellis network metrics` reports, with NetworkX."""
    out = {
        "degree": dict(g.degree()),
        "strength": dict(g.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(g, normalized=True),
        "weightedBetweenness": nx.betweenness_centrality(g, normalized=True, weight="length"),
        "eigenvector": nx.eigenvector_centrality(g, max_iter=1000),
        "harmonicCloseness": nx.harmonic_centrality(g),
        "coreNumber": nx.core_number(g),
        "clustering": nx.clustering(g),
        "density": nx.density(g),
        "transitivity": nx.transitivity(g),
    }
    out["communities"] = [nx.community.louvain_communities(g, weight="weight", seed=s) for s in range(1, runs + 1)]
    return out


def igraph_all(g, runs=10):
    """The same metrics with igraph (C core)."""
    out = {
        "degree": g.degree(),
        "strength": g.strength(weights="weight"),
        "betweenness": g.betweenness(),
        "weightedBetweenness": g.betweenness(weights="length"),
        "eigenvector": g.eigenvector_centrality(scale=False),
        "harmonicCloseness": g.harmonic_centrality(normalized=False),
        "coreNumber": g.coreness(),
        "clustering": g.transitivity_local_undirected(mode="zero"),
        "density": g.density(),
        "transitivity": g.transitivity_undirected(),
    }
    communities = []
    for s in range(1, runs + 1):
        random.seed(s)
        communities.append(g.community_multilevel(weights="weight"))
    out["communities"] = communities
    return out


def centralization(values, n, normalised_betweenness):
    mx = max(values)
    total = sum(mx - v for v in values)
    if n < 3:
        return 0.0
    return total / (n - 1) if normalised_betweenness else total / ((n - 1) * (n - 2))


def check(trellis, nxm, g):
    problems = []
    states = {s["state"]: s for s in trellis["states"]}
    worst = 0.0
    for field in ["degree", "strength", "betweenness", "weightedBetweenness", "eigenvector", "harmonicCloseness", "coreNumber", "clustering"]:
        for node in g.nodes:
            a, b = float(states[node][field]), float(nxm[field][node])
            d = abs(a - b)
            worst = max(worst, d)
            if d > TOLERANCE:
                problems.append("%s %s: trellis %r networkx %r" % (field, node, a, b))
    graph = trellis["graph"]
    n = g.number_of_nodes()
    expected = {
        "nodes": n,
        "edges": g.number_of_edges(),
        "density": nxm["density"],
        "transitivity": nxm["transitivity"],
        "degreeCentralization": centralization([d for _, d in g.degree()], n, False),
        "betweennessCentralization": centralization(list(nxm["betweenness"].values()), n, True),
    }
    for field, value in expected.items():
        d = abs(float(graph[field]) - float(value))
        worst = max(worst, d)
        if d > TOLERANCE:
            problems.append("graph %s: trellis %r networkx %r" % (field, graph[field], value))
    return worst, problems


def best_of(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), sorted(times)[len(times) // 2]


def run_benchmarks(filter_, env, artifacts):
    shutil.rmtree(artifacts, ignore_errors=True)
    cmd = ["dotnet", "run", "-c", "Release", "--project", os.path.join(ROOT, "bench", "Trellis.Benchmarks"),
           "--artifacts-path", os.path.join(artifacts, "build"), "--",
           "--filter", filter_, "--exporters", "json", "--artifacts", artifacts]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT, stdout=sys.stderr)
    results = {}
    for report in glob.glob(os.path.join(artifacts, "results", "*-report-full*.json")):
        with open(report) as f:
            data = json.load(f)
        for b in data["Benchmarks"]:
            results[(b["Type"], b["Method"], b.get("Parameters", ""))] = b["Statistics"]["Median"] / 1e9
    return results


def whole_process(trellis, data, graph_csv, registry_csv, runs):
    """Whole-process times (hyperfine, side by side in one run): the published CLI against igraph_metrics.py."""
    peer = ["/usr/bin/python3", os.path.join(ROOT, "bench", "network", "igraph_metrics.py")]
    base = [trellis, "--data", data, "network", "metrics", "--as-of", "2026-01-01", "--format", "json"]
    cases = [("trellis, registry", base), ("python-igraph, registry", peer + [registry_csv]),
             ("trellis, 200-node list", base + ["--source", "csv:" + graph_csv]), ("python-igraph, 200-node list", peer + [graph_csv])]
    out = os.path.join(os.path.dirname(graph_csv), "hyperfine.json")
    cmd = ["hyperfine", "-N", "-w", "2", "-r", str(runs), "--export-json", out]
    for name, c in cases:
        cmd += ["-n", name, " ".join(c)]
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    with open(out) as f:
        return {r["command"]: (r["mean"], r["median"], r["user"] + r["system"]) for r in json.load(f)["results"]}


def machine():
    model = "unknown"
    try:
        for line in sh(["lscpu"]).splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except Exception:  # noqa: BLE001 - lscpu is informational
        pass
    return "%s cores (nproc), %s, %s, .NET %s, Python %s, NetworkX %s, python-igraph %s" % (
        os.cpu_count(), model, platform.platform(), sh(["dotnet", "--version"]).strip(),
        platform.python_version(), nx.__version__, ig.__version__)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--nodes", type=int, default=200)
    p.add_argument("--edges", type=int, default=5000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--repeat", type=int, default=3, help="timing runs of NetworkX and igraph (best is kept)")
    p.add_argument("--artifacts", default="/tmp/art-net", help="dotnet --artifacts-path for the trellis build")
    p.add_argument("--publish", default="/tmp/trellis-publish", help="dotnet publish output for the whole-process rows")
    p.add_argument("--quick", action="store_true", help="snapshot only: skip the timeline and candidate benchmarks")
    p.add_argument("--output", help="results file (default bench/results/network-<date>.md)")
    args = p.parse_args()

    load_before = os.getloadavg()
    work = tempfile.mkdtemp(prefix="trellis-compare-")
    graph_csv = os.path.join(work, "graph.csv")
    names, rows = generate(args.nodes, args.edges, args.seed, graph_csv)

    print("building trellis (Release)...", file=sys.stderr)
    sh(["dotnet", "build", os.path.join(ROOT, "src", "Trellis.Cli"), "-c", "Release", "--artifacts-path", args.artifacts], cwd=ROOT)
    trellis = os.path.join(args.artifacts, "bin", "Trellis.Cli", "release", "Trellis.Cli")
    metrics_cmd = [trellis, "--data", os.path.join(ROOT, "data"), "network", "metrics", "--source", "csv:" + graph_csv,
                   "--as-of", "2026-01-01", "--format", "json"]
    t = time.perf_counter()
    trellis_metrics = json.loads(sh(metrics_cmd))
    cli_seconds = time.perf_counter() - t

    print("publishing trellis (ReadyToRun) and timing whole processes with hyperfine...", file=sys.stderr)
    sh(["dotnet", "publish", os.path.join(ROOT, "src", "Trellis.Cli"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
        "-o", args.publish], cwd=ROOT)
    published = os.path.join(args.publish, "Trellis.Cli")
    registry_csv = os.path.join(work, "registry.csv")
    with open(registry_csv, "w") as f:
        f.write(sh([published, "--data", os.path.join(ROOT, "data"), "network", "export", "--format", "csv", "--as-of", "2026-01-01"]))
    whole = whole_process(published, os.path.join(ROOT, "data"), graph_csv, registry_csv, 10)

    g = networkx_graph(names, rows)
    h = igraph_graph(names, rows)
    nxm = networkx_all(g, runs=1)
    worst, problems = check(trellis_metrics, nxm, g)
    if problems:
        print("Trellis and NetworkX disagree:\n  " + "\n  ".join(problems[:20]), file=sys.stderr)
        sys.exit(1)
    print("agreement with NetworkX: largest difference %.3g (tolerance %g)" % (worst, TOLERANCE), file=sys.stderr)

    print("timing NetworkX and igraph...", file=sys.stderr)
    nx_best, nx_median = best_of(lambda: networkx_all(g), args.repeat)
    ig_best, ig_median = best_of(lambda: igraph_all(h), max(args.repeat, 10))

    env = dict(os.environ, TRELLIS_BENCH_GRAPH=graph_csv)
    bdn = os.path.join(work, "bdn")
    filter_ = "*NetworkSnapshot*" if args.quick else "*Network*"
    print("timing Trellis with BenchmarkDotNet (%s)..." % filter_, file=sys.stderr)
    results = run_benchmarks(filter_, env, bdn)
    snapshot = {m: s for (t_, m, _), s in results.items() if t_ == "NetworkSnapshotBenchmark"}
    tr_all = snapshot["AllMetrics"]
    tr_one = snapshot["AllMetricsOneThread"]

    load_after = os.getloadavg()
    commit = sh(["git", "rev-parse", "HEAD"], cwd=ROOT).strip()
    dirty = sh(["git", "status", "--porcelain"], cwd=ROOT).strip() != ""
    today = datetime.date.today().isoformat()
    out = args.output or os.path.join(ROOT, "bench", "results", "network-%s.md" % today)
    lines = [
        "# Network benchmarks, %s" % today,
        "",
        "- Command: `/usr/bin/python3 bench/network/compare.py%s`" % (" --quick" if args.quick else ""),
        "- Commit: `%s`%s" % (commit, " (with uncommitted changes in the work tree)" if dirty else ""),
        "- Machine: %s" % machine(),
        "- Load average (1, 5, 15 min) at start %.1f/%.1f/%.1f, at end %.1f/%.1f/%.1f: other work on the same cores inflates every time below, NetworkX's and igraph's alike" % (load_before + load_after),
        "- Graph: G(n=%d, m=%d) seed %d, weights 1..3 (weighted betweenness on length = 1/weight)" % (args.nodes, args.edges, args.seed),
        "- Agreement with NetworkX on that graph: largest difference %.3g over every state metric and graph metric (tolerance %g)" % (worst, TOLERANCE),
        "",
        "## All metrics of one snapshot",
        "",
        "Degree, strength, betweenness (unweighted and weighted), eigenvector, harmonic closeness, core number, clustering,",
        "density, transitivity and ten seeded Louvain runs. NetworkX and igraph: best of %d Python runs; Trellis: BenchmarkDotNet median." % args.repeat,
        "",
        "| tool | time | Trellis is faster by | target |",
        "|---|---:|---:|---|",
        "| NetworkX %s | %.1f ms (median %.1f) | %.0f× | ≥ 30× |" % (nx.__version__, nx_best * 1e3, nx_median * 1e3, nx_best / tr_all),
        "| igraph %s | %.2f ms (median %.2f) | %.2f× | ≥ 0.67× (Trellis ≤ 1.5× igraph) |" % (ig.__version__, ig_best * 1e3, ig_median * 1e3, ig_best / tr_all),
        "| Trellis, all cores | %.2f ms | | |" % (tr_all * 1e3),
        "| Trellis, one thread | %.2f ms | NetworkX %.0f×, igraph %.2f× | |" % (tr_one * 1e3, nx_best / tr_one, ig_best / tr_one),
        "",
        "`trellis network metrics` end to end on the same graph (process start, registry load, CSV read, metrics, JSON): %.0f ms." % (cli_seconds * 1e3),
        "",
        "## Whole process (issue 11 §7)",
        "",
        "hyperfine, side by side: the published CLI (`dotnet publish src/Trellis.Cli -c Release -r linux-x64 --self-contained false`,",
        "ReadyToRun) against `bench/network/igraph_metrics.py` on the same input. Target: Trellis ≥ 1.5× faster on both.",
        "",
        "| command | mean | median | CPU (user + sys) | Trellis is faster by (mean) |",
        "|---|---:|---:|---:|---:|",
    ]
    for what in ["registry", "200-node list"]:
        t_, p_ = whole["trellis, " + what], whole["python-igraph, " + what]
        lines.append("| trellis, %s | %.0f ms | %.0f ms | %.0f ms | %.2f× |" % (what, t_[0] * 1e3, t_[1] * 1e3, t_[2] * 1e3, p_[0] / t_[0]))
        lines.append("| python-igraph, %s | %.0f ms | %.0f ms | %.0f ms | |" % (what, p_[0] * 1e3, p_[1] * 1e3, p_[2] * 1e3))
    lines += [
        "",
        "## Every Trellis benchmark in this run",
        "",
        "| benchmark | method | parameters | median |",
        "|---|---|---|---:|",
    ]
    for (t_, m, params), s in sorted(results.items()):
        lines.append("| %s | %s | %s | %s |" % (t_, m, params, ("%.2f ms" % (s * 1e3)) if s < 1 else ("%.2f s" % s)))
    lines += ["", "Targets: timeline 1945–2026 with all metrics < 2 s; candidate ranking of ~14,000 pairs by a betweenness metric < 30 s on 2 cores.", ""]
    with open(out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    print("written to " + out, file=sys.stderr)


if __name__ == "__main__":
    main()
