namespace Trellis.Network;

/// <summary>
/// Path and spectral centralities on a <see cref="SimpleGraph"/>, written to match NetworkX's
/// definitions (see <c>docs/network.md</c>). Arrays in, arrays out; no allocation per node.
/// </summary>
public static class Centrality
{
    /// <summary>
    /// Shortest-path betweenness by Brandes' algorithm (BFS), normalised as
    /// <c>nx.betweenness_centrality(G, normalized=True)</c>: the pair-dependency sum divided by
    /// (n-1)(n-2)/2; left unscaled when n ≤ 2. Also returns harmonic closeness, as
    /// <c>nx.harmonic_centrality(G)</c>: Σ 1/d(v,u) over the nodes u reachable from v (not normalised).
    /// </summary>
    public static (double[] Betweenness, double[] Harmonic) BetweennessAndHarmonic(SimpleGraph g, int maxThreads = 0)
    {
        var n = g.NodeCount;
        var bc = new double[n];
        var harmonic = new double[n];
        if (n == 0)
        {
            return (bc, harmonic);
        }

        var threads = Threads(n, g.EdgeCount, maxThreads);
        if (threads <= 1)
        {
            var ws = new BfsWorkspace(n, g.Targets.Length);
            for (var s = 0; s < n; s++)
            {
                harmonic[s] = ws.Accumulate(g, s, bc);
            }
        }
        else
        {
            var partial = new double[threads][];
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var ws = new BfsWorkspace(n, g.Targets.Length);
                var local = new double[n];
                for (var s = t; s < n; s += threads)
                {
                    harmonic[s] = ws.Accumulate(g, s, local);
                }

                partial[t] = local;
            });
            foreach (var local in partial)
            {
                for (var i = 0; i < n; i++)
                {
                    bc[i] += local[i];
                }
            }
        }

        Normalise(bc, n);
        return (bc, harmonic);
    }

    /// <summary>
    /// Betweenness on weighted shortest paths (Dijkstra), normalised like <see cref="BetweennessAndHarmonic"/>:
    /// <c>nx.betweenness_centrality(G, normalized=True, weight="length")</c> with each link's length
    /// (1/weight, or the cost from <see cref="ITieCosts"/>). Paths tie only when their lengths are exactly equal,
    /// as in NetworkX.
    /// </summary>
    public static double[] WeightedBetweenness(SimpleGraph g, int maxThreads = 0)
    {
        var n = g.NodeCount;
        var bc = new double[n];
        if (n == 0)
        {
            return bc;
        }

        var threads = Threads(n, 2 * g.EdgeCount, maxThreads);
        if (threads <= 1)
        {
            var ws = new DijkstraWorkspace(n, g.EdgeCount);
            for (var s = 0; s < n; s++)
            {
                ws.Accumulate(g, s, bc);
            }
        }
        else
        {
            var partial = new double[threads][];
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var ws = new DijkstraWorkspace(n, g.EdgeCount);
                var local = new double[n];
                for (var s = t; s < n; s += threads)
                {
                    ws.Accumulate(g, s, local);
                }

                partial[t] = local;
            });
            foreach (var local in partial)
            {
                for (var i = 0; i < n; i++)
                {
                    bc[i] += local[i];
                }
            }
        }

        Normalise(bc, n);
        return bc;
    }

    /// <summary>
    /// Eigenvector centrality exactly as <c>nx.eigenvector_centrality(G, max_iter, tol)</c> computes it:
    /// power iteration on A + I from the uniform vector, Euclidean normalisation after each step, stopping when
    /// the L1 change is below n·tol. NetworkX gives up after 100 iterations; this goes on to
    /// <paramref name="maxIterations"/>, so where NetworkX converges the two agree to rounding.
    /// </summary>
    public static double[] Eigenvector(SimpleGraph g, double tolerance = 1e-6, int maxIterations = 1000)
    {
        var n = g.NodeCount;
        var x = new double[n];
        if (n == 0)
        {
            return x;
        }

        var last = new double[n];
        Array.Fill(x, 1.0 / n);
        var offsets = g.Offsets;
        var targets = g.Targets;
        for (var iter = 0; iter < maxIterations; iter++)
        {
            (last, x) = (x, last);
            for (var v = 0; v < n; v++)
            {
                var sum = last[v];
                for (var p = offsets[v]; p < offsets[v + 1]; p++)
                {
                    sum += last[targets[p]];
                }

                x[v] = sum;
            }

            var squares = 0.0;
            for (var v = 0; v < n; v++)
            {
                squares += x[v] * x[v];
            }

            var norm = Math.Sqrt(squares);
            if (norm == 0)
            {
                norm = 1;
            }

            var change = 0.0;
            for (var v = 0; v < n; v++)
            {
                x[v] /= norm;
                change += Math.Abs(x[v] - last[v]);
            }

            if (change < n * tolerance)
            {
                return x;
            }
        }

        return x;
    }

    internal static void Normalise(double[] bc, int n)
    {
        if (n <= 2)
        {
            // NetworkX leaves the sums unscaled for n ≤ 2 (they are 0 anyway), and halves nothing when normalised.
            return;
        }

        var scale = 1.0 / ((n - 1.0) * (n - 2.0));
        for (var i = 0; i < n; i++)
        {
            bc[i] *= scale;
        }
    }

    /// <summary>How many threads a metric over all sources should use: the number asked for, or (0) all cores for large graphs and 1 for small ones.</summary>
    private static int Threads(int n, int work, int maxThreads)
    {
        if (maxThreads == 1)
        {
            return 1;
        }

        if (maxThreads > 1)
        {
            return Math.Min(maxThreads, n);
        }

        // Automatic: threads only pay off once a snapshot takes more than a few hundred microseconds.
        return (long)n * (n + work) < 400_000 ? 1 : Math.Max(1, Math.Min(Environment.ProcessorCount, n));
    }

    /// <summary>
    /// Arrays for one BFS source, reused across sources. Predecessors are recorded during the search (in discovery
    /// order, as NetworkX's <c>P[w]</c>), each node's list in its own adjacency slice, so the dependency pass visits
    /// only the shortest-path DAG.
    /// </summary>
    internal sealed class BfsWorkspace
    {
        private readonly int[] _order;
        private readonly int[] _dist;
        private readonly double[] _sigma;
        private readonly double[] _delta;
        private readonly int[] _predCount;
        private readonly int[] _pred;

        // The nodes the last search reached (_order[.._reached]): only their entries need resetting before the next one.
        private int _reached;

        public BfsWorkspace(int n, int arcs)
        {
            _order = new int[n];
            _dist = new int[n];
            _sigma = new double[n];
            _delta = new double[n];
            _predCount = new int[n];
            _pred = new int[arcs];
            Array.Fill(_dist, -1);
        }

        /// <summary>Hop distances from the last source (-1 = unreachable), valid until the next call.</summary>
        public int[] Distances => _dist;

        /// <summary>Adds the dependencies of source <paramref name="s"/> to <paramref name="bc"/>; returns its harmonic closeness.</summary>
        public double Accumulate(SimpleGraph g, int s, double[] bc)
        {
            var offsets = g.Offsets;
            var targets = g.Targets;
            var dist = _dist;
            var sigma = _sigma;
            var order = _order;
            var delta = _delta;
            var predCount = _predCount;
            var pred = _pred.Length >= targets.Length ? _pred : new int[targets.Length];
            for (var i = 0; i < _reached; i++)
            {
                var v = order[i];
                dist[v] = -1;
                delta[v] = 0;
                predCount[v] = 0;
            }

            dist[s] = 0;
            sigma[s] = 1;
            order[0] = s;
            int head = 0, tail = 1;
            var harmonic = 0.0;
            while (head < tail)
            {
                var v = order[head++];
                var dv = dist[v];
                var next = dv + 1;
                var sv = sigma[v];
                if (dv > 0)
                {
                    harmonic += 1.0 / dv;
                }

                var end = offsets[v + 1];
                for (var p = offsets[v]; p < end; p++)
                {
                    var w = targets[p];
                    var dw = dist[w];
                    if (dw < 0)
                    {
                        dist[w] = next;
                        order[tail++] = w;
                        sigma[w] = sv;
                        pred[offsets[w]] = v;
                        predCount[w] = 1;
                    }
                    else if (dw == next)
                    {
                        sigma[w] += sv;
                        pred[offsets[w] + predCount[w]++] = v;
                    }
                }
            }

            _reached = tail;
            for (var i = tail - 1; i > 0; i--)
            {
                var w = order[i];
                var coeff = (1.0 + delta[w]) / sigma[w];
                var first = offsets[w];
                var last = first + predCount[w];
                for (var k = first; k < last; k++)
                {
                    var v = pred[k];
                    delta[v] += sigma[v] * coeff;
                }

                bc[w] += delta[w];
            }

            return harmonic;
        }
    }

    /// <summary>
    /// Arrays and an indexed binary heap (with decrease-key, so it never holds more than n entries) for one Dijkstra
    /// source, reused across sources. Predecessors follow NetworkX: reset when a strictly shorter path is found,
    /// appended when an exactly equal one is.
    /// </summary>
    internal sealed class DijkstraWorkspace
    {
        private readonly int[] _order;
        private readonly double[] _dist;
        private readonly double[] _sigma;
        private readonly double[] _delta;
        private readonly int[] _predCount;
        private readonly int[] _pred;
        private readonly int[] _heap;
        private readonly int[] _position; // index in the heap; -1 not yet reached; -2 settled

        public DijkstraWorkspace(int n, int m)
        {
            _order = new int[n];
            _dist = new double[n];
            _sigma = new double[n];
            _delta = new double[n];
            _predCount = new int[n];
            _pred = new int[2 * m];
            _heap = new int[n];
            _position = new int[n];
            Array.Fill(_position, -1);
        }

        public void Accumulate(SimpleGraph g, int s, double[] bc)
        {
            var offsets = g.Offsets;
            var targets = g.Targets;
            var lengths = g.Lengths;
            var dist = _dist;
            var sigma = _sigma;
            var delta = _delta;
            var predCount = _predCount;
            var position = _position;
            var pred = _pred.Length >= targets.Length ? _pred : new int[targets.Length];

            dist[s] = 0;
            sigma[s] = 1;
            var size = 0;
            Insert(ref size, s);
            var count = 0;
            while (size > 0)
            {
                var v = PopMin(ref size);
                position[v] = -2;
                _order[count++] = v;
                var d = dist[v];
                var sv = sigma[v];
                var end = offsets[v + 1];
                for (var p = offsets[v]; p < end; p++)
                {
                    var w = targets[p];
                    var at = position[w];
                    if (at == -2)
                    {
                        continue;
                    }

                    var nd = d + lengths[p];
                    if (at == -1)
                    {
                        dist[w] = nd;
                        sigma[w] = sv;
                        pred[offsets[w]] = v;
                        predCount[w] = 1;
                        Insert(ref size, w);
                    }
                    else if (nd < dist[w])
                    {
                        dist[w] = nd;
                        sigma[w] = sv;
                        pred[offsets[w]] = v;
                        predCount[w] = 1;
                        SiftUp(at);
                    }
                    else if (nd == dist[w])
                    {
                        sigma[w] += sv;
                        pred[offsets[w] + predCount[w]++] = v;
                    }
                }
            }

            for (var i = count - 1; i > 0; i--)
            {
                var w = _order[i];
                var coeff = (1.0 + delta[w]) / sigma[w];
                var first = offsets[w];
                var last = first + predCount[w];
                for (var k = first; k < last; k++)
                {
                    var v = pred[k];
                    delta[v] += sigma[v] * coeff;
                }

                bc[w] += delta[w];
            }

            // Every node reached was settled; leave the arrays as a fresh workspace has them for the next source.
            for (var i = 0; i < count; i++)
            {
                var v = _order[i];
                position[v] = -1;
                delta[v] = 0;
                predCount[v] = 0;
            }
        }

        private void Insert(ref int size, int node)
        {
            var i = size++;
            _heap[i] = node;
            _position[node] = i;
            SiftUp(i);
        }

        private void SiftUp(int i)
        {
            var heap = _heap;
            var dist = _dist;
            var node = heap[i];
            var key = dist[node];
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                var up = heap[parent];
                if (dist[up] <= key)
                {
                    break;
                }

                heap[i] = up;
                _position[up] = i;
                i = parent;
            }

            heap[i] = node;
            _position[node] = i;
        }

        private int PopMin(ref int size)
        {
            var heap = _heap;
            var dist = _dist;
            var top = heap[0];
            size--;
            if (size > 0)
            {
                var node = heap[size];
                var key = dist[node];
                var i = 0;
                while (true)
                {
                    var child = (2 * i) + 1;
                    if (child >= size)
                    {
                        break;
                    }

                    if (child + 1 < size && dist[heap[child + 1]] < dist[heap[child]])
                    {
                        child++;
                    }

                    if (dist[heap[child]] >= key)
                    {
                        break;
                    }

                    heap[i] = heap[child];
                    _position[heap[i]] = i;
                    i = child;
                }

                heap[i] = node;
                _position[node] = i;
            }

            return top;
        }
    }
}
