using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Network;

/// <summary>How a snapshot is built from ties.</summary>
public sealed record GraphOptions
{
    public static GraphOptions Default { get; } = new();

    /// <summary>The layers kept; null keeps every layer.</summary>
    public IReadOnlySet<Layer>? Layers { get; init; }

    /// <summary>Weights per tie type, summed per pair into the link weight.</summary>
    public TieWeights Weights { get; init; } = TieWeights.Defaults;

    /// <summary>Optional tie costs (friction) used as link lengths in weighted path metrics instead of 1/weight.</summary>
    public ITieCosts? Costs { get; init; }

    /// <summary>
    /// When false (the default) the nodes are the states with at least one tie in the selected layers;
    /// when true, every state the source knows, tied or not (which lowers density and raises n).
    /// </summary>
    public bool IncludeUntied { get; init; }

    /// <summary>How partial dates (<c>2017</c>, <c>2019-07</c>) are read against the snapshot's day.</summary>
    public PartialDatePolicy Policy { get; init; } = PartialDatePolicy.Latest;

    /// <summary>True when a tie of <paramref name="layer"/> is kept.</summary>
    public bool Keeps(Layer layer) => Layers is null || Layers.Contains(layer);
}

/// <summary>
/// Where ties come from: the registry, or one of the field's datasets (ATOP, COW, DCAD). Node ids are
/// ISO3 codes, or <c>COW:ccode</c> for a dataset code that the states table does not map.
/// </summary>
public interface INetworkSource
{
    /// <summary>How the source is named on the command line and in output: <c>registry</c>, <c>atop:FILE</c>.</summary>
    string Name { get; }

    /// <summary>Every node the source knows (for <see cref="GraphOptions.IncludeUntied"/>), sorted.</summary>
    IReadOnlyList<string> Nodes { get; }

    /// <summary>Warnings found while reading the source (unmapped codes, coverage), for the caller to show.</summary>
    IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The ties in force on <paramref name="day"/>, in a stable order.</summary>
    IReadOnlyList<Tie> TiesOn(DateOnly day, PartialDatePolicy policy);

    /// <summary>Every tie that was ever in force, each with its <see cref="Tie.Start"/> and <see cref="Tie.End"/> (for Gephi's timeline).</summary>
    IReadOnlyList<Tie> AllTies(PartialDatePolicy policy);

    /// <summary>A display name for a node (<c>Japan</c>), or null.</summary>
    string? NameOf(string node);
}

/// <summary>
/// The agreement graph at one date: the ties in force in the selected layers (one per agreement and pair,
/// kept for exports) and the simple graph the metrics run on (two states linked when any such tie exists,
/// weighted by the sum of their tie weights).
/// </summary>
public sealed class AgreementGraph
{
    private AgreementGraph(DateOnly asOf, IReadOnlyList<Tie> ties, SimpleGraph simple, GraphOptions options)
    {
        AsOf = asOf;
        Ties = ties;
        Simple = simple;
        Options = options;
    }

    public DateOnly AsOf { get; }

    /// <summary>The ties in the selected layers: one per agreement and pair of its parties.</summary>
    public IReadOnlyList<Tie> Ties { get; }

    /// <summary>The simple weighted graph, nodes sorted by id.</summary>
    public SimpleGraph Simple { get; }

    public GraphOptions Options { get; }

    /// <summary>The node ids (ISO3), sorted.</summary>
    public IReadOnlyList<string> Nodes => Simple.Names;

    /// <summary>The snapshot of <paramref name="source"/> on <paramref name="day"/>.</summary>
    public static AgreementGraph At(INetworkSource source, DateOnly day, GraphOptions? options = null)
    {
        options ??= GraphOptions.Default;
        return FromTies(source.TiesOn(day, options.Policy), day, options, options.IncludeUntied ? source.Nodes : null);
    }

    /// <summary>
    /// Builds a snapshot from <paramref name="ties"/> (those outside the selected layers are dropped);
    /// <paramref name="extraNodes"/> are added as nodes even when untied.
    /// </summary>
    public static AgreementGraph FromTies(IEnumerable<Tie> ties, DateOnly day, GraphOptions? options = null, IEnumerable<string>? extraNodes = null)
    {
        options ??= GraphOptions.Default;

        // Nodes get a provisional number as they are first seen, then their number in ordinal name order.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        int See(string name)
        {
            if (!seen.TryGetValue(name, out var id))
            {
                id = names.Count;
                seen.Add(name, id);
                names.Add(name);
            }

            return id;
        }

        foreach (var name in extraNodes ?? [])
        {
            See(name);
        }

        var kept = new List<Tie>();
        var tieEnds = new List<(int A, int B)>();
        foreach (var t in ties)
        {
            if (options.Keeps(t.Layer))
            {
                kept.Add(t);
                tieEnds.Add((See(t.A), See(t.B)));
            }
        }

        var sorted = names.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var number = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            number[seen[sorted[i]]] = i;
        }

        // One link per pair, its weight summed over the pair's ties in tie order (A sorts before B, so u < v).
        var slot = new Dictionary<long, int>();
        var linkU = new List<int>();
        var linkV = new List<int>();
        var linkWeight = new List<double>();
        for (var i = 0; i < kept.Count; i++)
        {
            int u = number[tieEnds[i].A], v = number[tieEnds[i].B];
            var key = ((long)u << 32) | (uint)v;
            if (!slot.TryGetValue(key, out var at))
            {
                at = linkU.Count;
                slot.Add(key, at);
                linkU.Add(u);
                linkV.Add(v);
                linkWeight.Add(0.0);
            }

            var t = kept[i];
            linkWeight[at] += t.Weight ?? options.Weights.Of(t.Type);
        }

        var linkLength = new double[linkU.Count];
        for (var i = 0; i < linkLength.Length; i++)
        {
            linkLength[i] = LengthOf(sorted[linkU[i]], sorted[linkV[i]], linkWeight[i], options);
        }

        for (var i = 0; i < linkLength.Length; i++)
        {
            var l = linkLength[i];
            if (!(l > 0) || !double.IsFinite(l))
            {
                throw new ArgumentException($"The length of link {sorted[linkU[i]]}-{sorted[linkV[i]]} must be a positive finite number, not {l}.", nameof(ties));
            }
        }

        var keys = new long[linkU.Count];
        var order = new int[linkU.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)linkU[i] << 32) | (uint)linkV[i];
            order[i] = i;
        }

        Array.Sort(keys, order);
        var eu = new int[keys.Length];
        var ev = new int[keys.Length];
        var ew = new double[keys.Length];
        var el = new double[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var at = order[i];
            (eu[i], ev[i], ew[i], el[i]) = (linkU[at], linkV[at], linkWeight[at], linkLength[at]);
        }

        return new AgreementGraph(day, kept, SimpleGraph.FromSortedEdges(sorted, eu, ev, ew, el), options);
    }

    /// <summary>The length of a link for weighted path metrics: the tie cost when given, else 1/weight.</summary>
    public static double LengthOf(string a, string b, double weight, GraphOptions options)
    {
        if (options.Costs?.CostOf(a, b) is { } cost)
        {
            if (!double.IsFinite(cost) || cost <= 0)
            {
                throw new InvalidOperationException($"The tie cost of {a}–{b} is {cost}: a cost must be a positive finite number.");
            }

            return cost;
        }

        return 1.0 / weight;
    }

    /// <summary>Every metric of this snapshot.</summary>
    public NetworkMetrics Metrics(MetricOptions? options = null) => NetworkMetrics.Compute(Simple, options);
}

/// <summary>The registry as a graph source: one tie per agreement in force and pair of its parties.</summary>
public sealed class RegistrySource : INetworkSource
{
    private readonly AgreementRegistry _registry;

    public RegistrySource(AgreementRegistry registry)
    {
        _registry = registry;
        Nodes = registry.States.Select(s => s.Iso3).ToArray();
    }

    public string Name => "registry";

    public IReadOnlyList<string> Nodes { get; }

    public IReadOnlyList<Diagnostic> Diagnostics => [];

    public AgreementRegistry Registry => _registry;

    public string? NameOf(string node) => _registry.FindState(node)?.Name;

    public IReadOnlyList<Tie> TiesOn(DateOnly day, PartialDatePolicy policy)
    {
        var ties = new List<Tie>();
        foreach (var a in _registry.Agreements)
        {
            if (a.IsInForceOn(day, policy))
            {
                AddTies(a, policy, ties);
            }
        }

        return ties;
    }

    public IReadOnlyList<Tie> AllTies(PartialDatePolicy policy)
    {
        var ties = new List<Tie>();
        foreach (var a in _registry.Agreements)
        {
            if (a.InForce is not null)
            {
                AddTies(a, policy, ties);
            }
        }

        return ties;
    }

    /// <summary>The ties of one agreement: one per pair of its parties (with a territory: the pairs with a party of it).</summary>
    public static IEnumerable<Tie> TiesOf(Agreement a, PartialDatePolicy policy = PartialDatePolicy.Latest)
    {
        var list = new List<Tie>();
        AddTies(a, policy, list);
        return list;
    }

    private static void AddTies(Agreement a, PartialDatePolicy policy, List<Tie> ties)
    {
        var parties = a.Parties;
        for (var i = 0; i < parties.Count; i++)
        {
            for (var j = i + 1; j < parties.Count; j++)
            {
                // An agreement that applies in some parties' territory only (the UN forces in Japan) ties those parties to
                // the others, not the others among themselves.
                if (a.Territory is { } territory && !territory.Contains(parties[i], StringComparer.Ordinal) && !territory.Contains(parties[j], StringComparer.Ordinal))
                {
                    continue;
                }

                ties.Add(new Tie(parties[i], parties[j], a.Id, a.Type.ToName(), a.Type.LayerOf(), a.IsMultilateral)
                {
                    Signed = a.Signed?.ToString(),
                    InForce = a.InForce?.ToString(),
                    Ended = a.Ended?.ToString(),
                    Start = a.InForce?.Resolve(policy),
                    End = a.Ended?.Resolve(policy),
                    Hypothetical = a.Hypothetical,
                });
            }
        }
    }
}
