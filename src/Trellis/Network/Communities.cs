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
        if (threads == 1)
        {
            // One workspace for every run: the runs reuse its arrays instead of allocating their own.
            var ws = new LouvainWorkspace(n, g.Targets.Length);
            for (var r = 0; r < runs; r++)
            {
                all[r] = Louvain(g, seed + r, ws);
                quality[r] = Modularity(g, all[r]);
            }
        }
        else
        {
            Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => new LouvainWorkspace(n, g.Targets.Length),
                (r, _, ws) =>
                {
                    all[r] = Louvain(g, seed + r, ws);
                    quality[r] = Modularity(g, all[r]);
                    return ws;
                },
                _ => { });
        }

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
    public static int[] Louvain(SimpleGraph g, int seed) => Louvain(g, seed, new LouvainWorkspace(g.NodeCount, g.Targets.Length));

    private static int[] Louvain(SimpleGraph g, int seed, LouvainWorkspace ws)
    {
        var n = g.NodeCount;
        var random = new Random(seed);

        // The current level's graph, as CSR with self-loop weights kept apart. The first level is the graph itself
        // (only read); later levels are written into the workspace's two buffers in turn.
        var offsets = g.Offsets;
        var targets = g.Targets;
        var weights = g.Weights;
        var self = ws.Self[0];
        Array.Clear(self, 0, n);
        var buffer = 1;
        var levelNodes = n;
        var membership = ws.Membership;
        for (var v = 0; v < n; v++)
        {
            membership[v] = v;
        }

        while (levelNodes > 0)
        {
            var community = OneLevel(levelNodes, offsets, targets, weights, self, random, ws, out var moved);
            if (!moved)
            {
                break;
            }

            // Renumber the communities 0..k-1 in order of first node.
            var renumber = ws.Renumber;
            Array.Fill(renumber, -1, 0, levelNodes);
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
            var newSelf = ws.Self[buffer];
            Array.Clear(newSelf, 0, k);
            var memberStart = ws.MemberStart;
            Array.Clear(memberStart, 0, k + 1);
            for (var v = 0; v < levelNodes; v++)
            {
                memberStart[renumber[community[v]] + 1]++;
            }

            for (var c = 0; c < k; c++)
            {
                memberStart[c + 1] += memberStart[c];
            }

            var members = ws.Members;
            var memberFill = ws.MemberFill;
            Array.Copy(memberStart, memberFill, k + 1);
            for (var v = 0; v < levelNodes; v++)
            {
                members[memberFill[renumber[community[v]]]++] = v;
            }

            var newOffsets = ws.Offsets[buffer];
            var newTargets = ws.Targets[buffer];
            var newWeights = ws.Weights[buffer];
            var filled = 0;
            newOffsets[0] = 0;
            var acc = ws.Acc;
            var stamp = ws.Stamp;
            var touched = ws.Touched;
            Array.Fill(stamp, -1, 0, k);
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
                    newTargets[filled] = touched[i];
                    newWeights[filled] = acc[touched[i]];
                    filled++;
                }

                newOffsets[c + 1] = filled;
            }

            offsets = newOffsets;
            targets = newTargets;
            weights = newWeights;
            self = newSelf;
            buffer = 1 - buffer;
            if (k == levelNodes)
            {
                break;
            }

            levelNodes = k;
        }

        return Canonical(membership);
    }

    /// <summary>Local moving: each node joins the neighbouring community with the largest modularity gain until no move helps.</summary>
    private static int[] OneLevel(int n, int[] offsets, int[] targets, double[] weights, double[] self, Random random, LouvainWorkspace ws, out bool moved)
    {
        var community = ws.Community;
        var strength = ws.Strength;
        var total = ws.Total;
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

        var order = ws.Order;
        for (var v = 0; v < n; v++)
        {
            order[v] = v;
        }

        random.Shuffle(order.AsSpan(0, n));
        var linkTo = ws.LinkTo;
        var seen = ws.Seen;
        var touched = ws.Touched;
        Array.Fill(seen, -1, 0, n);
        var improved = true;
        var passes = 0;
        while (improved && passes++ < 1000)
        {
            improved = false;
            for (var i = 0; i < n; i++)
            {
                var v = order[i];
                var cv = community[v];
                var kv = strength[v];
                var count = 0;
                seen[cv] = v;
                linkTo[cv] = 0;
                touched[count++] = cv;
                var end = offsets[v + 1];
                for (var p = offsets[v]; p < end; p++)
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
                for (var j = 0; j < count; j++)
                {
                    var c = touched[j];
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

    /// <summary>
    /// The arrays of one Louvain run, reused by the runs of an ensemble: each level's graph is at most as large as the
    /// one before (n nodes, <c>arcs</c> adjacency entries at most), so two buffers of that size hold every level.
    /// </summary>
    private sealed class LouvainWorkspace
    {
        public LouvainWorkspace(int n, int arcs)
        {
            Membership = new int[n];
            Community = new int[n];
            Strength = new double[n];
            Total = new double[n];
            Order = new int[n];
            LinkTo = new double[n];
            Seen = new int[n];
            Touched = new int[n];
            Renumber = new int[n];
            MemberStart = new int[n + 1];
            MemberFill = new int[n + 1];
            Members = new int[n];
            Acc = new double[n];
            Stamp = new int[n];
            Self = [new double[n], new double[n]];
            Offsets = [new int[n + 1], new int[n + 1]];
            Targets = [new int[arcs], new int[arcs]];
            Weights = [new double[arcs], new double[arcs]];
        }

        public int[] Membership { get; }

        public int[] Community { get; }

        public double[] Strength { get; }

        public double[] Total { get; }

        public int[] Order { get; }

        public double[] LinkTo { get; }

        public int[] Seen { get; }

        public int[] Touched { get; }

        public int[] Renumber { get; }

        public int[] MemberStart { get; }

        public int[] MemberFill { get; }

        public int[] Members { get; }

        public double[] Acc { get; }

        public int[] Stamp { get; }

        public double[][] Self { get; }

        public int[][] Offsets { get; }

        public int[][] Targets { get; }

        public double[][] Weights { get; }
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
