namespace Trellis.Network;

/// <summary>
/// An undirected simple graph in compressed sparse row form: the graph every metric runs on.
/// Nodes are numbered 0..n-1 in the order of <see cref="Names"/>; each link appears once in
/// <see cref="EdgeU"/>/<see cref="EdgeV"/> (with u &lt; v) and twice in the adjacency arrays,
/// with each node's neighbours in increasing order. Immutable after construction.
/// </summary>
public sealed class SimpleGraph
{
    private readonly Dictionary<string, int> _index;

    private SimpleGraph(string[] names, int[] edgeU, int[] edgeV, double[] edgeWeight, double[] edgeLength)
    {
        Names = names;
        EdgeU = edgeU;
        EdgeV = edgeV;
        EdgeWeight = edgeWeight;
        EdgeLength = edgeLength;
        _index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            _index.Add(names[i], i);
        }

        var n = names.Length;
        var m = edgeU.Length;
        Offsets = new int[n + 1];
        for (var e = 0; e < m; e++)
        {
            Offsets[edgeU[e] + 1]++;
            Offsets[edgeV[e] + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            Offsets[i + 1] += Offsets[i];
        }

        // Edges are sorted by (u, v), so each row gets its smaller neighbours first (as the v of (u, x),
        // in increasing u), then its larger ones (as the u of (x, v), in increasing v): every row is sorted.
        var targets = new int[2 * m];
        var weights = new double[2 * m];
        var lengths = new double[2 * m];
        var lower = new int[n];
        for (var e = 0; e < m; e++)
        {
            lower[edgeV[e]]++;
        }

        var lowFill = new int[n];
        var highFill = new int[n];
        for (var i = 0; i < n; i++)
        {
            lowFill[i] = Offsets[i];
            highFill[i] = Offsets[i] + lower[i];
        }

        for (var e = 0; e < m; e++)
        {
            int u = edgeU[e], v = edgeV[e];
            var pv = lowFill[v]++;
            targets[pv] = u;
            weights[pv] = edgeWeight[e];
            lengths[pv] = edgeLength[e];
            var pu = highFill[u]++;
            targets[pu] = v;
            weights[pu] = edgeWeight[e];
            lengths[pu] = edgeLength[e];
        }

        Targets = targets;
        Weights = weights;
        Lengths = lengths;
    }

    /// <summary>Node names (ISO3 codes), in node-number order.</summary>
    public IReadOnlyList<string> Names { get; }

    public int NodeCount => Names.Count;

    public int EdgeCount => EdgeU.Length;

    /// <summary>Row starts: the neighbours of node i are <c>Targets[Offsets[i]..Offsets[i+1]]</c>.</summary>
    internal int[] Offsets { get; }

    internal int[] Targets { get; }

    /// <summary>Link weight (strength contribution) per adjacency entry.</summary>
    internal double[] Weights { get; }

    /// <summary>Link length for weighted path metrics per adjacency entry.</summary>
    internal double[] Lengths { get; }

    internal int[] EdgeU { get; }

    internal int[] EdgeV { get; }

    internal double[] EdgeWeight { get; }

    internal double[] EdgeLength { get; }

    public int Degree(int node) => Offsets[node + 1] - Offsets[node];

    /// <summary>The node number of <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>True when the two nodes are linked.</summary>
    public bool HasEdge(int u, int v)
    {
        if (u < 0 || v < 0)
        {
            return false;
        }

        return Array.BinarySearch(Targets, Offsets[u], Offsets[u + 1] - Offsets[u], v) >= 0;
    }

    /// <summary>The links as (u, v, weight, length) with u &lt; v, sorted.</summary>
    public IEnumerable<(int U, int V, double Weight, double Length)> Edges()
    {
        for (var e = 0; e < EdgeU.Length; e++)
        {
            yield return (EdgeU[e], EdgeV[e], EdgeWeight[e], EdgeLength[e]);
        }
    }

    /// <summary>
    /// Builds a graph over <paramref name="names"/> (kept in the given order) from links between node numbers.
    /// A link given twice keeps the sum of its weights and the smaller length; self-links are refused.
    /// </summary>
    public static SimpleGraph Create(IReadOnlyList<string> names, IEnumerable<(int U, int V, double Weight, double Length)> links)
    {
        var map = new Dictionary<long, (double W, double L)>();
        var n = names.Count;
        foreach (var (a, b, w, l) in links)
        {
            if (a == b || a < 0 || b < 0 || a >= n || b >= n)
            {
                throw new ArgumentException($"Invalid link {a}-{b} in a graph of {n} nodes.", nameof(links));
            }

            if (!(l > 0) || !double.IsFinite(l))
            {
                throw new ArgumentException($"The length of link {names[a]}-{names[b]} must be a positive finite number, not {l}.", nameof(links));
            }

            var (u, v) = a < b ? (a, b) : (b, a);
            var key = ((long)u << 32) | (uint)v;
            map[key] = map.TryGetValue(key, out var old) ? (old.W + w, Math.Min(old.L, l)) : (w, l);
        }

        var keys = map.Keys.ToArray();
        Array.Sort(keys);
        var eu = new int[keys.Length];
        var ev = new int[keys.Length];
        var ew = new double[keys.Length];
        var el = new double[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            eu[i] = (int)(keys[i] >> 32);
            ev[i] = (int)(keys[i] & 0xFFFFFFFF);
            (ew[i], el[i]) = map[keys[i]];
        }

        return new SimpleGraph(names.ToArray(), eu, ev, ew, el);
    }

    /// <summary>
    /// A graph from edges already sorted by (u, v), with u &lt; v, no pair twice and valid lengths: the arrays are kept,
    /// not copied. For builders that have checked all that (<see cref="AgreementGraph.FromTies"/>).
    /// </summary>
    internal static SimpleGraph FromSortedEdges(string[] names, int[] edgeU, int[] edgeV, double[] edgeWeight, double[] edgeLength) =>
        new(names, edgeU, edgeV, edgeWeight, edgeLength);

    /// <summary>Builds a graph from named links; nodes are the given names plus any endpoint, sorted ordinally.</summary>
    public static SimpleGraph Create(IEnumerable<string> nodes, IEnumerable<(string A, string B, double Weight, double Length)> links)
    {
        var list = links.ToList();
        var names = nodes.Concat(list.SelectMany(l => new[] { l.A, l.B })).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            index[names[i]] = i;
        }

        return Create(names, list.Select(l => (index[l.A], index[l.B], l.Weight, l.Length)));
    }

    /// <summary>
    /// This graph with one more link (or, when linked already, that link's weight raised by
    /// <paramref name="weight"/>). Linear in the size of the graph; used by what-if and candidate ranking.
    /// </summary>
    public SimpleGraph WithEdge(int u, int v, double weight, double length)
    {
        if (u > v)
        {
            (u, v) = (v, u);
        }

        var m = EdgeU.Length;
        var at = 0;
        while (at < m && (EdgeU[at] < u || (EdgeU[at] == u && EdgeV[at] < v)))
        {
            at++;
        }

        if (at < m && EdgeU[at] == u && EdgeV[at] == v)
        {
            var w2 = (double[])EdgeWeight.Clone();
            var l2 = (double[])EdgeLength.Clone();
            w2[at] += weight;
            l2[at] = Math.Min(l2[at], length);
            return new SimpleGraph((string[])Names, EdgeU, EdgeV, w2, l2);
        }

        var eu = new int[m + 1];
        var ev = new int[m + 1];
        var ew = new double[m + 1];
        var el = new double[m + 1];
        Array.Copy(EdgeU, eu, at);
        Array.Copy(EdgeV, ev, at);
        Array.Copy(EdgeWeight, ew, at);
        Array.Copy(EdgeLength, el, at);
        eu[at] = u;
        ev[at] = v;
        ew[at] = weight;
        el[at] = length;
        Array.Copy(EdgeU, at, eu, at + 1, m - at);
        Array.Copy(EdgeV, at, ev, at + 1, m - at);
        Array.Copy(EdgeWeight, at, ew, at + 1, m - at);
        Array.Copy(EdgeLength, at, el, at + 1, m - at);
        return new SimpleGraph((string[])Names, eu, ev, ew, el);
    }
}
