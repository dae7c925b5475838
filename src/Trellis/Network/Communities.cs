namespace Trellis.Network;

/// <summary>A partition of the nodes into communities, with its modularity and stability.</summary>
/// <param name="Membership">Community number per node; communities are numbered by size (largest first), ties by their first node.</param>
/// <param name="Count">Number of communities.</param>
/// <param name="Modularity">Weighted modularity (resolution 1), as <c>nx.community.modularity(G, communities, weight="weight")</c>.</param>
/// <param name="Stability">Per node: the mean Jaccard similarity, over every seeded run, between its community here and in that run (1 = always the same companions).</param>
/// <param name="MeanStability">Mean of <paramref name="Stability"/> over the nodes; 1 when every run agrees.</param>
/// <param name="Seed">The seed of the run reported (the one with the highest modularity; the lowest seed on a tie).</param>
/// <param name="Runs">How many seeded runs were made.</param>
public sealed record Partition(int[] Membership, int Count, double Modularity, double[] Stability, double MeanStability, int Seed, int Runs);

/// <summary>
/// Louvain community detection (Blondel et al. 2008) on link weights, seeded and deterministic:
/// the same graph, seed and node names give the same partition on every machine, whatever order the
/// input came in (nodes are numbered by name). An ensemble of runs with consecutive seeds gives a
/// stability score, following the igraph maintainers' advice to treat results as an ensemble.
/// </summary>
public static class Communities
{
    private const double MinGain = 1e-12;

    /// <summary>
    /// Runs Louvain with seeds <paramref name="seed"/> … <paramref name="seed"/> + <paramref name="runs"/> − 1 and
    /// reports the partition of highest modularity with each node's stability across the runs.
    /// </summary>
    /// <param name="maxThreads">Threads for the runs: 0 = all cores for large graphs, 1 = none; the result does not depend on it.</param>
    public static Partition Detect(SimpleGraph g, int seed = 1, int runs = 10, int maxThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var n = g.NodeCount;
        var all = new int[runs][];
        var quality = new double[runs];
        var threads = maxThreads == 1 || (long)g.EdgeCount * runs < 20_000 ? 1 : maxThreads > 1 ? maxThreads : Environment.ProcessorCount;
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
        {
            all[r] = Louvain(g, seed + r);
            quality[r] = Modularity(g, all[r]);
        });

        var best = -1;
        var bestQ = double.NegativeInfinity;
        for (var r = 0; r < runs; r++)
        {
            if (quality[r] > bestQ + MinGain)
            {
                bestQ = quality[r];
                best = r;
            }
        }

        var chosen = all[best];
        var count = chosen.Length == 0 ? 0 : chosen.Max() + 1;
        var stability = new double[n];
        var sizeChosen = Sizes(chosen, count);
        foreach (var other in all)
        {
            var otherCount = other.Length == 0 ? 0 : other.Max() + 1;
            var sizeOther = Sizes(other, otherCount);
            var overlap = new Dictionary<long, int>();
            for (var v = 0; v < n; v++)
            {
                var key = ((long)chosen[v] << 32) | (uint)other[v];
                overlap[key] = overlap.GetValueOrDefault(key) + 1;
            }

            for (var v = 0; v < n; v++)
            {
                var inter = overlap[((long)chosen[v] << 32) | (uint)other[v]];
                stability[v] += (double)inter / (sizeChosen[chosen[v]] + sizeOther[other[v]] - inter);
            }
        }

        var mean = 0.0;
        for (var v = 0; v < n; v++)
        {
            stability[v] /= runs;
            mean += stability[v];
        }

        return new Partition(chosen, count, bestQ == double.NegativeInfinity ? 0 : bestQ, stability, n == 0 ? 1 : mean / n, seed + Math.Max(best, 0), runs);
    }

    /// <summary>Weighted modularity of <paramref name="membership"/> at resolution 1; 0 for a graph without links.</summary>
    public static double Modularity(SimpleGraph g, int[] membership)
    {
        var n = g.NodeCount;
        var total = 0.0;
        var count = n == 0 ? 0 : membership.Max() + 1;
        var inside = new double[count];
        var degree = new double[count];
        for (var v = 0; v < n; v++)
        {
            for (var p = g.Offsets[v]; p < g.Offsets[v + 1]; p++)
            {
                var w = g.Weights[p];
                total += w;
                degree[membership[v]] += w;
                if (membership[g.Targets[p]] == membership[v])
                {
                    inside[membership[v]] += w;
                }
            }
        }

        if (total == 0)
        {
            return 0;
        }

        var q = 0.0;
        for (var c = 0; c < count; c++)
        {
            q += (inside[c] / total) - ((degree[c] / total) * (degree[c] / total));
        }

        return q;
    }

    /// <summary>One seeded Louvain run; returns canonical community numbers per node.</summary>
    public static int[] Louvain(SimpleGraph g, int seed)
    {
        var n = g.NodeCount;
        var random = new Random(seed);

        // The current level's graph, as CSR with self-loop weights kept apart.
        var offsets = (int[])g.Offsets.Clone();
        var targets = (int[])g.Targets.Clone();
        var weights = (double[])g.Weights.Clone();
        var self = new double[n];
        var levelNodes = n;
        var membership = new int[n];
        for (var v = 0; v < n; v++)
        {
            membership[v] = v;
        }

        while (levelNodes > 0)
        {
            var community = OneLevel(levelNodes, offsets, targets, weights, self, random, out var moved);
            if (!moved)
            {
                break;
            }

            // Renumber the communities 0..k-1 in order of first node.
            var renumber = new int[levelNodes];
            Array.Fill(renumber, -1);
            var k = 0;
            for (var v = 0; v < levelNodes; v++)
            {
                if (renumber[community[v]] < 0)
                {
                    renumber[community[v]] = k++;
                }
            }

            for (var v = 0; v < n; v++)
            {
                membership[v] = renumber[community[membership[v]]];
            }

            // Aggregate: one node per community, links summed, internal weight as a self-loop.
            // Neighbour communities are gathered with a stamp array and sorted, so rows stay in increasing order.
            var newSelf = new double[k];
            var memberStart = new int[k + 1];
            for (var v = 0; v < levelNodes; v++)
            {
                memberStart[renumber[community[v]] + 1]++;
            }

            for (var c = 0; c < k; c++)
            {
                memberStart[c + 1] += memberStart[c];
            }

            var members = new int[levelNodes];
            var memberFill = (int[])memberStart.Clone();
            for (var v = 0; v < levelNodes; v++)
            {
                members[memberFill[renumber[community[v]]]++] = v;
            }

            var newOffsets = new int[k + 1];
            var newTargets = new List<int>(targets.Length);
            var newWeights = new List<double>(targets.Length);
            var acc = new double[k];
            var stamp = new int[k];
            var touched = new int[k];
            Array.Fill(stamp, -1);
            for (var c = 0; c < k; c++)
            {
                var count = 0;
                for (var i = memberStart[c]; i < memberStart[c + 1]; i++)
                {
                    var v = members[i];
                    newSelf[c] += self[v];
                    for (var p = offsets[v]; p < offsets[v + 1]; p++)
                    {
                        var cu = renumber[community[targets[p]]];
                        if (cu == c)
                        {
                            newSelf[c] += weights[p];
                        }
                        else
                        {
                            if (stamp[cu] != c)
                            {
                                stamp[cu] = c;
                                acc[cu] = 0;
                                touched[count++] = cu;
                            }

                            acc[cu] += weights[p];
                        }
                    }
                }

                Array.Sort(touched, 0, count);
                for (var i = 0; i < count; i++)
                {
                    newTargets.Add(touched[i]);
                    newWeights.Add(acc[touched[i]]);
                }

                newOffsets[c + 1] = newTargets.Count;
            }

            offsets = newOffsets;
            targets = newTargets.ToArray();
            weights = newWeights.ToArray();
            self = newSelf;
            if (k == levelNodes)
            {
                break;
            }

            levelNodes = k;
        }

        return Canonical(membership);
    }

    /// <summary>Local moving: each node joins the neighbouring community with the largest modularity gain until no move helps.</summary>
    private static int[] OneLevel(int n, int[] offsets, int[] targets, double[] weights, double[] self, Random random, out bool moved)
    {
        var community = new int[n];
        var strength = new double[n];
        var total = new double[n];
        var m2 = 0.0;
        for (var v = 0; v < n; v++)
        {
            community[v] = v;
            var k = self[v];
            for (var p = offsets[v]; p < offsets[v + 1]; p++)
            {
                k += weights[p];
            }

            strength[v] = k;
            total[v] = k;
            m2 += k;
        }

        moved = false;
        if (m2 == 0)
        {
            return community;
        }

        var order = new int[n];
        for (var v = 0; v < n; v++)
        {
            order[v] = v;
        }

        random.Shuffle(order);
        var linkTo = new double[n];
        var seen = new int[n];
        var touched = new int[n];
        Array.Fill(seen, -1);
        var improved = true;
        var passes = 0;
        while (improved && passes++ < 1000)
        {
            improved = false;
            foreach (var v in order)
            {
                var cv = community[v];
                var kv = strength[v];
                var count = 0;
                seen[cv] = v;
                linkTo[cv] = 0;
                touched[count++] = cv;
                for (var p = offsets[v]; p < offsets[v + 1]; p++)
                {
                    var c = community[targets[p]];
                    if (seen[c] != v)
                    {
                        seen[c] = v;
                        linkTo[c] = 0;
                        touched[count++] = c;
                    }

                    linkTo[c] += weights[p];
                }

                total[cv] -= kv;
                var bestC = cv;
                var bestGain = linkTo[cv] - (total[cv] * kv / m2);
                for (var i = 0; i < count; i++)
                {
                    var c = touched[i];
                    var gain = linkTo[c] - (total[c] * kv / m2);
                    if (gain > bestGain + MinGain)
                    {
                        bestGain = gain;
                        bestC = c;
                    }
                }

                total[bestC] += kv;
                if (bestC != cv)
                {
                    community[v] = bestC;
                    improved = true;
                    moved = true;
                }
            }
        }

        return community;
    }

    /// <summary>Renumbers communities by size (largest first), ties by their first node.</summary>
    private static int[] Canonical(int[] membership)
    {
        var n = membership.Length;
        if (n == 0)
        {
            return membership;
        }

        var count = membership.Max() + 1;
        var size = Sizes(membership, count);
        var first = new int[count];
        Array.Fill(first, int.MaxValue);
        for (var v = 0; v < n; v++)
        {
            first[membership[v]] = Math.Min(first[membership[v]], v);
        }

        var ids = Enumerable.Range(0, count).Where(c => size[c] > 0).ToArray();
        Array.Sort(ids, (a, b) => size[a] != size[b] ? size[b].CompareTo(size[a]) : first[a].CompareTo(first[b]));
        var map = new int[count];
        for (var i = 0; i < ids.Length; i++)
        {
            map[ids[i]] = i;
        }

        var result = new int[n];
        for (var v = 0; v < n; v++)
        {
            result[v] = map[membership[v]];
        }

        return result;
    }

    private static int[] Sizes(int[] membership, int count)
    {
        var size = new int[count];
        foreach (var c in membership)
        {
            size[c]++;
        }

        return size;
    }
}
