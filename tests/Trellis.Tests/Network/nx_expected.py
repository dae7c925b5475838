#!/usr/bin/python3
"""Prints the NetworkX expectations pasted into NetworkXAgreementTests.cs.

Run with Debian's python3-networkx (2.8.8 when written):  /usr/bin/python3 nx_expected.py
The graph is nx.gnm_random_graph(25, 60, seed=7) with integer weights 1..3 drawn by random.Random(11);
node i is named "S%02d" so that Trellis's ordinal node order equals NetworkX's insertion order.
Weighted betweenness uses length = 1/weight, as Trellis does.
"""
import random
import networkx as nx

g0 = nx.gnm_random_graph(25, 60, seed=7)
rng = random.Random(11)
G = nx.Graph()
G.add_nodes_from("S%02d" % i for i in range(25))
edges = []
for u, v in sorted(g0.edges()):
    w = rng.randint(1, 3)
    a, b = "S%02d" % u, "S%02d" % v
    G.add_edge(a, b, weight=w, length=1.0 / w)
    edges.append((a, b, w))

print("// edges")
print('        "' + " ".join("%s-%s-%d" % e for e in edges) + '";')
bc = nx.betweenness_centrality(G, normalized=True)
wbc = nx.betweenness_centrality(G, normalized=True, weight="length")
ev = nx.eigenvector_centrality(G)
hc = nx.harmonic_centrality(G)
cn = nx.core_number(G)
cl = nx.clustering(G)
for name, d in [("Betweenness", bc), ("WeightedBetweenness", wbc), ("Eigenvector", ev), ("Harmonic", hc), ("Core", cn), ("Clustering", cl)]:
    print("    private static readonly double[] Expected%s =\n    [" % name)
    vals = [repr(float(d[n])) for n in G.nodes]
    for i in range(0, len(vals), 5):
        print("        " + ", ".join(vals[i:i + 5]) + ",")
    print("    ];")
print("density", repr(nx.density(G)), "transitivity", repr(nx.transitivity(G)))
print("edges", G.number_of_edges(), "strength S00", G.degree("S00", weight="weight"))
