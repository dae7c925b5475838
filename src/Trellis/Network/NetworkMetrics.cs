namespace Trellis.Network;

/// <summary>Which metrics to compute; candidate ranking asks only for what its score needs.</summary>
[Flags]
public enum MetricSet
{
    None = 0,
    Degree = 1,
    Betweenness = 2,
    WeightedBetweenness = 4,
    Eigenvector = 8,
    Harmonic = 16,
    Core = 32,
    Clustering = 64,
    Communities = 128,
    All = Degree | Betweenness | WeightedBetweenness | Eigenvector | Harmonic | Core | Clustering | Communities,
}

/// <summary>Settings of the metrics; the defaults are NetworkX's where NetworkX has one.</summary>
public sealed record MetricOptions
{
    public static MetricOptions Default { get; } = new();

    public MetricSet Metrics { get; init; } = MetricSet.All;

    /// <summary>First seed of the Louvain ensemble.</summary>
    public int CommunitySeed { get; init; } = 1;

    /// <summary>Number of seeded Louvain runs the stability score is taken over.</summary>
    public int CommunityRuns { get; init; } = 10;

    /// <summary><c>tol</c> of <c>nx.eigenvector_centrality</c>.</summary>
    public double EigenvectorTolerance { get; init; } = 1e-6;

    /// <summary>Iteration cap of the eigenvector power iteration (NetworkX's is 100, after which it raises).</summary>
    public int EigenvectorMaxIterations { get; init; } = 1000;

    /// <summary>Threads for the all-sources metrics; 0 = as many as there are cores, 1 = none (when the caller parallelises).</summary>
    public int MaxThreads { get; init; }
}

/// <summary>The metrics of one state (node) in one snapshot. See <c>docs/network.md</c> for each definition.</summary>
public sealed record StateMetrics(
    string State,
    int Degree,
    double Strength,
    double Betweenness,
    double WeightedBetweenness,
    double Eigenvector,
    double HarmonicCloseness,
    int CoreNumber,
    double Clustering,
    int Community,
    double CommunityStability);

/// <summary>The metrics of a whole snapshot.</summary>
/// <param name="DegreeCentralizationMax">The theoretical maximum Σ(max d − d_v) of a graph of this order, (n−1)(n−2): the star's.</param>
/// <param name="BetweennessCentralizationMax">The theoretical maximum of Σ(max b − b_v) on raw betweenness, (n−1)²(n−2)/2: the star's.</param>
public sealed record GraphMetrics(
    int Nodes,
    int Edges,
    double Density,
    double Transitivity,
    double DegreeCentralization,
    double BetweennessCentralization,
    double DegreeCentralizationMax,
    double BetweennessCentralizationMax,
    int Communities,
    double Modularity,
    double CommunityStability);

/// <summary>Every metric of one snapshot: per state (in node order) and for the graph.</summary>
public sealed record NetworkMetrics(IReadOnlyList<StateMetrics> States, GraphMetrics Graph)
{
    /// <summary>The metrics of <paramref name="state"/>, or null when it is not a node.</summary>
    public StateMetrics? Of(string state)
    {
        foreach (var s in States)
        {
            if (s.State == state)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>Computes the metrics selected in <paramref name="options"/> (others are 0).</summary>
    public static NetworkMetrics Compute(SimpleGraph g, MetricOptions? options = null)
    {
        options ??= MetricOptions.Default;
        var which = options.Metrics;
        var n = g.NodeCount;
        var degree = new int[n];
        var strength = new double[n];
        for (var v = 0; v < n; v++)
        {
            degree[v] = g.Degree(v);
            for (var p = g.Offsets[v]; p < g.Offsets[v + 1]; p++)
            {
                strength[v] += g.Weights[p];
            }
        }

        double[] betweenness, harmonic;
        if ((which & (MetricSet.Betweenness | MetricSet.Harmonic)) != 0)
        {
            (betweenness, harmonic) = Centrality.BetweennessAndHarmonic(g, options.MaxThreads);
        }
        else
        {
            (betweenness, harmonic) = (new double[n], new double[n]);
        }

        var weighted = (which & MetricSet.WeightedBetweenness) != 0 ? Centrality.WeightedBetweenness(g, options.MaxThreads) : new double[n];
        var eigen = (which & MetricSet.Eigenvector) != 0
            ? Centrality.Eigenvector(g, options.EigenvectorTolerance, options.EigenvectorMaxIterations)
            : new double[n];
        var core = (which & MetricSet.Core) != 0 ? Cohesion.CoreNumbers(g) : new int[n];
        var (clustering, transitivity) = (which & MetricSet.Clustering) != 0 ? Cohesion.Clustering(g) : (new double[n], 0.0);
        var partition = (which & MetricSet.Communities) != 0
            ? Communities.Detect(g, options.CommunitySeed, options.CommunityRuns, options.MaxThreads)
            : new Partition(new int[n], 0, 0, new double[n], 0, options.CommunitySeed, 0);

        var states = new StateMetrics[n];
        for (var v = 0; v < n; v++)
        {
            states[v] = new StateMetrics(g.Names[v], degree[v], strength[v], betweenness[v], weighted[v], eigen[v], harmonic[v],
                core[v], clustering[v], partition.Membership[v], partition.Stability[v]);
        }

        var graph = new GraphMetrics(
            n,
            g.EdgeCount,
            n <= 1 ? 0 : 2.0 * g.EdgeCount / ((double)n * (n - 1)),
            transitivity,
            DegreeCentralization(degree),
            BetweennessCentralization(betweenness),
            DegreeCentralizationMax(n),
            BetweennessCentralizationMax(n),
            partition.Count,
            partition.Modularity,
            partition.MeanStability);
        return new NetworkMetrics(states, graph);
    }

    /// <summary>Theoretical maximum of Σ(max d − d_v) for n nodes: (n−1)(n−2), as igraph's <c>centr_degree_tmax(loops=False)</c>.</summary>
    public static double DegreeCentralizationMax(int n) => n < 3 ? 0 : (n - 1.0) * (n - 2.0);

    /// <summary>Theoretical maximum of Σ(max b − b_v) on raw betweenness: (n−1)²(n−2)/2, as igraph's <c>centr_betw_tmax(directed=False)</c>.</summary>
    public static double BetweennessCentralizationMax(int n) => n < 3 ? 0 : (n - 1.0) * (n - 1.0) * (n - 2.0) / 2.0;

    /// <summary>
    /// Freeman degree centralisation Σ(max d − d_v) / ((n−1)(n−2)), as igraph's
    /// <c>centr_degree(loops=False, normalized=True)</c>: 1 for a star, 0 for a regular graph; 0 when n &lt; 3.
    /// </summary>
    public static double DegreeCentralization(IReadOnlyList<int> degree)
    {
        var n = degree.Count;
        if (n < 3)
        {
            return 0;
        }

        var max = 0;
        foreach (var d in degree)
        {
            max = Math.Max(max, d);
        }

        double sum = 0;
        foreach (var d in degree)
        {
            sum += max - d;
        }

        return sum / DegreeCentralizationMax(n);
    }

    /// <summary>
    /// Freeman betweenness centralisation from normalised betweenness: Σ(max b − b_v) / (n−1), which equals igraph's
    /// <c>centr_betw(directed=False, normalized=True)</c> on raw betweenness; 1 for a star; 0 when n &lt; 3.
    /// </summary>
    public static double BetweennessCentralization(IReadOnlyList<double> normalisedBetweenness)
    {
        var n = normalisedBetweenness.Count;
        if (n < 3)
        {
            return 0;
        }

        var max = 0.0;
        foreach (var b in normalisedBetweenness)
        {
            max = Math.Max(max, b);
        }

        var sum = 0.0;
        foreach (var b in normalisedBetweenness)
        {
            sum += max - b;
        }

        return sum / (n - 1);
    }
}
