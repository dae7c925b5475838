using Trellis.Registry;

namespace Trellis.Network;

/// <summary>A spoke and its betweenness once the hub is taken out.</summary>
public sealed record SpokeBetweenness(string State, double Betweenness, bool IsHub);

/// <summary>
/// The hub-and-spoke reading of one snapshot. <see cref="Interconnection"/> is null when there are
/// fewer than two spokes (no pair to link).
/// </summary>
public sealed record HubReport(
    DateOnly Day,
    string Hub,
    IReadOnlyList<string> Spokes,
    int SpokePairs,
    int LinkedPairs,
    double? Interconnection,
    double Threshold,
    IReadOnlyList<SpokeBetweenness> SpokeBetweenness)
{
    /// <summary>The spokes whose betweenness without the hub exceeds the threshold: hubs in their own right.</summary>
    public IReadOnlyList<string> HubsAmongSpokes => SpokeBetweenness.Where(s => s.IsHub).Select(s => s.State).ToArray();

    /// <summary>
    /// Per spoke, how many of the other spokes it is linked to without the hub (in the selected layers): its ties among
    /// the hub's spokes. Every spoke is a key.
    /// </summary>
    public IReadOnlyDictionary<string, int> TiesAmongSpokes { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);
}

/// <summary>
/// Hub and spokes. The spokes of hub H are the states with an alliance-layer tie to H on the day, whatever layers
/// are selected. "Without H" means without H and without every agreement to which H is a party (so ANZUS does
/// not link Australia and New Zealand when H is the United States). Spoke interconnection is the share of pairs of
/// spokes linked, in the selected layers, without H; the hubs among the spokes are the spokes whose normalised
/// betweenness in the selected layers' graph without H exceeds the threshold.
/// </summary>
public static class HubAndSpokes
{
    /// <summary>The default hub.</summary>
    public const string DefaultHub = "USA";

    /// <summary>The default betweenness threshold for a spoke to count as a hub (normalised betweenness).</summary>
    public const double DefaultThreshold = 0.05;

    public static HubReport On(INetworkSource source, DateOnly day, GraphOptions? options = null, string hub = DefaultHub, double threshold = DefaultThreshold)
    {
        options ??= GraphOptions.Default;
        var ties = source.TiesOn(day, options.Policy);
        var spokes = new SortedSet<string>(StringComparer.Ordinal);
        var withHub = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in ties)
        {
            if (t.Touches(hub))
            {
                withHub.Add(t.AgreementId);
                if (t.Layer == Layer.Alliance)
                {
                    spokes.Add(t.A == hub ? t.B : t.A);
                }
            }
        }

        var without = new List<Tie>();
        foreach (var t in ties)
        {
            if (!withHub.Contains(t.AgreementId))
            {
                without.Add(t);
            }
        }

        var graph = AgreementGraph.FromTies(without, day, options, spokes);
        var g = graph.Simple;
        var list = spokes.ToArray();
        var linked = 0;
        var tiesAmongSpokes = list.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            for (var j = i + 1; j < list.Length; j++)
            {
                if (g.HasEdge(g.IndexOf(list[i]), g.IndexOf(list[j])))
                {
                    linked++;
                    tiesAmongSpokes[list[i]]++;
                    tiesAmongSpokes[list[j]]++;
                }
            }
        }

        var pairs = list.Length * (list.Length - 1) / 2;
        var (betweenness, _) = Centrality.BetweennessAndHarmonic(g);
        var spokeBetweenness = list
            .Select(s => betweenness[g.IndexOf(s)])
            .Zip(list, (b, s) => new SpokeBetweenness(s, b, b > threshold))
            .OrderByDescending(s => s.Betweenness).ThenBy(s => s.State, StringComparer.Ordinal)
            .ToArray();
        return new HubReport(day, hub, list, pairs, linked, pairs == 0 ? null : (double)linked / pairs, threshold, spokeBetweenness)
        {
            TiesAmongSpokes = tiesAmongSpokes,
        };
    }

    /// <summary>The report on the given day of every year from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IReadOnlyList<HubReport> Yearly(INetworkSource source, int from, int to, int month = 1, int day = 1,
        GraphOptions? options = null, string hub = DefaultHub, double threshold = DefaultThreshold)
    {
        if (to < from)
        {
            throw new ArgumentException($"The series runs from {from} to {to}: the end year must not be before the start year.", nameof(to));
        }

        var reports = new HubReport[to - from + 1];
        Timeline.ForEachLatestFirst(reports.Length, i => reports[i] = On(source, Timeline.DayOf(from + i, month, day), options, hub, threshold));
        return reports;
    }
}
