#!/usr/bin/python3
"""The python-igraph peer of `trellis network metrics --format json`, as a whole process (issue 11 §7).

    /usr/bin/python3 bench/network/igraph_metrics.py EDGES.csv > metrics.json

EDGES.csv has a header with at least `source`, `target` and `weight` columns: the edge list compare.py
generates, or `trellis network export --format csv` of the registry (one row per agreement and pair; the
weights of a pair's rows are summed into one tie, as Trellis does). Computes the metrics Trellis reports:
degree, strength, betweenness (unweighted, and weighted with length = 1/weight), eigenvector, harmonic
closeness, core number, clustering, density, transitivity and ten seeded Louvain runs, and prints them as JSON.
The point is the time from process start to the last byte written, start-up and imports included.
"""
import csv
import json
import random
import sys

import igraph as ig


def read(path):
    weights = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            a, b = row["source"], row["target"]
            if a == b:
                continue
            key = (a, b) if a < b else (b, a)
            weights[key] = weights.get(key, 0.0) + float(row["weight"])
    names = sorted({n for pair in weights for n in pair})
    index = {n: i for i, n in enumerate(names)}
    pairs = sorted(weights)
    g = ig.Graph(n=len(names), edges=[(index[a], index[b]) for a, b in pairs])
    g.vs["name"] = names
    g.es["weight"] = [weights[p] for p in pairs]
    g.es["length"] = [1.0 / weights[p] for p in pairs]
    return g


def metrics(g, runs=10):
    n = g.vcount()
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    degree = g.degree()
    strength = g.strength(weights="weight")
    betweenness = [b * scale for b in g.betweenness()]
    weighted = [b * scale for b in g.betweenness(weights="length")]
    eigenvector = g.eigenvector_centrality(scale=False)
    harmonic = g.harmonic_centrality(normalized=False)
    core = g.coreness()
    clustering = g.transitivity_local_undirected(mode="zero")
    communities = []
    for s in range(1, runs + 1):
        random.seed(s)
        communities.append(g.community_multilevel(weights="weight"))
    membership = communities[0].membership
    states = [
        {"state": g.vs[i]["name"], "degree": degree[i], "strength": strength[i], "betweenness": betweenness[i],
         "eigenvector": eigenvector[i], "harmonicCloseness": harmonic[i], "coreNumber": core[i],
         "clustering": clustering[i], "weightedBetweenness": weighted[i], "community": membership[i]}
        for i in range(n)
    ]
    graph = {"nodes": n, "edges": g.ecount(), "density": g.density(), "transitivity": g.transitivity_undirected(),
             "communities": len(communities[0]), "modularity": communities[0].modularity}
    return {"states": states, "graph": graph}


if __name__ == "__main__":
    json.dump(metrics(read(sys.argv[1])), sys.stdout, indent=2)
    sys.stdout.write("\n")
