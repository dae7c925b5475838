namespace Trellis.Network;

/// <summary>One absent pair and what a new agreement between them would change.</summary>
/// <param name="Score">The marginal change: after − before (see <see cref="CandidateQuery"/>).</param>
public sealed record Candidate(string A, string B, double Score, double Before, double After);

/// <summary>
/// What to rank. The score of a pair is the change a new tie of <see cref="Type"/> between them makes to
/// <see cref="Metric"/>: for a graph metric, the change of the graph's value; for a state metric with
/// <see cref="Focus"/>, the change of that state's value; for a state metric without, the sum of the changes of the two
/// new partners.
/// </summary>
public sealed record CandidateQuery
{
    public required MetricRef Metric { get; init; }

    /// <summary>The state whose metric is scored, or null for the two partners' sum.</summary>
    public string? Focus { get; init; }

    /// <summary>
    /// The states among which pairs are formed; null for every node. With one state, its pairs with every node.
    /// States not yet tied are added as nodes.
    /// </summary>
    public IReadOnlyList<string>? Among { get; init; }

    /// <summary>The type of the new agreement (its weight and layer).</summary>
    public string Type { get; init; } = "raa";

    /// <summary>How many of the best pairs to return; 0 for all.</summary>
    public int Top { get; init; } = 20;
}

/// <summary>
/// Ranks every absent pair by the marginal change a new agreement between them would make. Every candidate
/// recomputes the metric on the graph with one more link (no sampling, no approximation); candidates run in
/// parallel on every core, each single-threaded, and the result does not depend on the number of threads.
/// </summary>
public static class Candidates
{
    /// <summary>The absent pairs a query ranks, in order.</summary>
    public static IReadOnlyList<(int U, int V)> Pairs(SimpleGraph g, CandidateQuery query)
    {
        var pool = query.Among is null
            ? Enumerable.Range(0, g.NodeCount).ToArray()
            : query.Among.Select(g.IndexOf).Where(i => i >= 0).Distinct().Order().ToArray();
        var pairs = new List<(int, int)>();
        if (query.Among is { Count: 1 } && pool.Length == 1)
        {
            var x = pool[0];
            for (var v = 0; v < g.NodeCount; v++)
            {
                if (v != x && !g.HasEdge(x, v))
                {
                    pairs.Add((Math.Min(x, v), Math.Max(x, v)));
                }
            }

            return pairs;
        }

        for (var i = 0; i < pool.Length; i++)
        {
            for (var j = i + 1; j < pool.Length; j++)
            {
                if (!g.HasEdge(pool[i], pool[j]))
                {
                    pairs.Add((pool[i], pool[j]));
                }
            }
        }

        return pairs;
    }

    /// <summary>
    /// Ranks the candidates of <paramref name="query"/> on <paramref name="graph"/>; <paramref name="progress"/> hears
    /// (done, total) from worker threads as candidates finish.
    /// </summary>
    public static IReadOnlyList<Candidate> Rank(AgreementGraph graph, CandidateQuery query, MetricOptions? metrics = null,
        Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        var options = graph.Options;
        var type = query.Type;
        var layer = Registry.AgreementTypes.TryParse(type, out var parsed) ? Registry.AgreementTypes.LayerOf(parsed) : Registry.Layer.Access;
        if (!options.Keeps(layer))
        {
            throw new ArgumentException($"A new {type} agreement lies in the {layer.ToString().ToLowerInvariant()} layer, which is not selected: it would change nothing.", nameof(query));
        }

        var extra = query.Among?.Where(s => graph.Simple.IndexOf(s) < 0).ToArray() ?? [];
        var g = extra.Length == 0
            ? graph.Simple
            : AgreementGraph.FromTies(graph.Ties, graph.AsOf, options, extra.Concat(graph.Simple.Names)).Simple;
        var needs = query.Metric.Needs;
        var metricOptions = (metrics ?? MetricOptions.Default) with { Metrics = needs, MaxThreads = 1 };
        var baseMetrics = NetworkMetrics.Compute(g, metricOptions with { MaxThreads = 0 });
        var focus = query.Focus is null ? -1 : g.IndexOf(query.Focus);
        if (query.Focus is not null && focus < 0)
        {
            throw new ArgumentException($"{query.Focus} is not a node of the graph: it has no tie in the selected layers.", nameof(query));
        }

        var pairs = Pairs(g, query);
        var weight = options.Weights.Of(type);
        var results = new Candidate[pairs.Count];
        var done = 0;
        var incremental = (needs & (MetricSet.Betweenness | MetricSet.Harmonic)) != 0 &&
                          (needs & ~(MetricSet.Degree | MetricSet.Betweenness | MetricSet.Harmonic)) == 0
            ? new ShortestPathBase(g)
            : null;
        using var workspaces = new ThreadLocal<Centrality.BfsWorkspace>(() => new Centrality.BfsWorkspace(g.NodeCount, g.Targets.Length + 2));
        Parallel.For(0, pairs.Count, new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (u, v) = pairs[i];
            var length = AgreementGraph.LengthOf(g.Names[u], g.Names[v], weight, options);
            var changed = g.WithEdge(u, v, weight, length);
            var after = incremental is null
                ? NetworkMetrics.Compute(changed, metricOptions)
                : incremental.WithEdge(changed, u, v, workspaces.Value!);
            double before, now;
            if (query.Metric.IsGraph)
            {
                before = query.Metric.Of(baseMetrics.Graph);
                now = query.Metric.Of(after.Graph);
            }
            else if (focus >= 0)
            {
                before = query.Metric.Of(baseMetrics.States[focus], baseMetrics.Graph);
                now = query.Metric.Of(after.States[focus], after.Graph);
            }
            else
            {
                before = query.Metric.Of(baseMetrics.States[u], baseMetrics.Graph) + query.Metric.Of(baseMetrics.States[v], baseMetrics.Graph);
                now = query.Metric.Of(after.States[u], after.Graph) + query.Metric.Of(after.States[v], after.Graph);
            }

            results[i] = new Candidate(g.Names[u], g.Names[v], now - before, before, now);
            var finished = Interlocked.Increment(ref done);
            progress?.Invoke(finished, pairs.Count);
        });

        var ranked = results
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.A, StringComparer.Ordinal)
            .ThenBy(c => c.B, StringComparer.Ordinal);
        return (query.Top > 0 ? ranked.Take(query.Top) : ranked).ToArray();
    }

    /// <summary>
    /// Brandes per source on the base graph, kept so that a candidate link (u, v) recomputes only the sources whose
    /// shortest-path DAG it can change. A source at equal distance from u and v (or reaching neither) gains no shortest
    /// path through the new link, so its dependencies and harmonic closeness stay as they were; every other source is
    /// recomputed on the new graph. Equal to a full recomputation up to rounding (the order of the sums differs).
    /// </summary>
    private sealed class ShortestPathBase
    {
        private readonly SimpleGraph _g;
        private readonly int _n;
        private readonly double[] _dependency; // n × n: row s = δ_s
        private readonly int[] _distance;      // n × n: row s = d(s, ·)
        private readonly double[] _harmonic;
        private readonly double[] _raw;        // Σ_s δ_s, unnormalised

        public ShortestPathBase(SimpleGraph g)
        {
            _g = g;
            _n = g.NodeCount;
            _dependency = new double[_n * _n];
            _distance = new int[_n * _n];
            _harmonic = new double[_n];
            _raw = new double[_n];
            var ws = new Centrality.BfsWorkspace(_n, g.Targets.Length);
            var row = new double[_n];
            for (var s = 0; s < _n; s++)
            {
                Array.Clear(row);
                _harmonic[s] = ws.Accumulate(g, s, row);
                Array.Copy(row, 0, _dependency, s * _n, _n);
                Array.Copy(ws.Distances, 0, _distance, s * _n, _n);
                for (var w = 0; w < _n; w++)
                {
                    _raw[w] += row[w];
                }
            }
        }

        public NetworkMetrics WithEdge(SimpleGraph changed, int u, int v, Centrality.BfsWorkspace ws)
        {
            var n = _n;
            var bc = (double[])_raw.Clone();
            var harmonic = (double[])_harmonic.Clone();
            for (var s = 0; s < n; s++)
            {
                if (_distance[(s * n) + u] == _distance[(s * n) + v])
                {
                    continue;
                }

                var offset = s * n;
                for (var w = 0; w < n; w++)
                {
                    bc[w] -= _dependency[offset + w];
                }

                harmonic[s] = ws.Accumulate(changed, s, bc);
            }

            Centrality.Normalise(bc, n);
            var states = new StateMetrics[n];
            var degree = new int[n];
            for (var x = 0; x < n; x++)
            {
                degree[x] = changed.Degree(x);
                var strength = 0.0;
                for (var p = changed.Offsets[x]; p < changed.Offsets[x + 1]; p++)
                {
                    strength += changed.Weights[p];
                }

                states[x] = new StateMetrics(changed.Names[x], degree[x], strength, bc[x], 0, 0, harmonic[x], 0, 0, 0, 0);
            }

            var graph = new GraphMetrics(n, changed.EdgeCount, n <= 1 ? 0 : 2.0 * changed.EdgeCount / ((double)n * (n - 1)), 0,
                NetworkMetrics.DegreeCentralization(degree), NetworkMetrics.BetweennessCentralization(bc),
                NetworkMetrics.DegreeCentralizationMax(n), NetworkMetrics.BetweennessCentralizationMax(n), 0, 0, 0);
            return new NetworkMetrics(states, graph);
        }
    }
}
