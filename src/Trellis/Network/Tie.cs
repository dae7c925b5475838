using Trellis.Registry;

namespace Trellis.Network;

/// <summary>
/// One tie between two states from one agreement (or one dataset record) in force on a snapshot's day.
/// A multilateral agreement gives one tie for every pair of its parties, each marked <see cref="Multilateral"/>.
/// <see cref="A"/> sorts before <see cref="B"/> (ordinal), so a pair has one spelling.
/// </summary>
public sealed record Tie
{
    public Tie(string a, string b, string agreementId, string type, Layer layer, bool multilateral)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(a);
        ArgumentException.ThrowIfNullOrWhiteSpace(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A tie links two different states, not {a} to itself.", nameof(b));
        }

        (A, B) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        AgreementId = agreementId;
        Type = type;
        Layer = layer;
        Multilateral = multilateral;
    }

    /// <summary>The state (node id) that sorts first: an ISO3 code, or <c>COW:ccode</c> for a code with no ISO3 in the states table.</summary>
    public string A { get; }

    /// <summary>The state (node id) that sorts second.</summary>
    public string B { get; }

    /// <summary>The registry agreement id (<c>gbr-jpn-raa</c>) or the dataset's record id (<c>atop:3375</c>).</summary>
    public string AgreementId { get; }

    /// <summary>The agreement type name (<c>raa</c>), or the dataset's tie kind (<c>atop</c>, <c>cow</c>, <c>dca</c>).</summary>
    public string Type { get; }

    public Layer Layer { get; }

    /// <summary>True when the tie comes from an agreement with more than two parties.</summary>
    public bool Multilateral { get; }

    /// <summary>Signature date as written in the source (<c>2023-01-11</c>, <c>2017</c>), if known.</summary>
    public string? Signed { get; init; }

    /// <summary>Entry into force as written in the source, if known.</summary>
    public string? InForce { get; init; }

    /// <summary>First day no longer in force, as written in the source, if it has ended.</summary>
    public string? Ended { get; init; }

    /// <summary>First day of the tie under the snapshot's reading of partial dates; null when unknown.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>First day the tie is no longer in force (exclusive end); null while in force.</summary>
    public DateOnly? End { get; init; }

    /// <summary>A weight given by the source itself (an edge list's <c>weight</c> column); null to use the type's weight.</summary>
    public double? Weight { get; init; }

    /// <summary>True when the tie comes from a hypothetical agreement added for what-if.</summary>
    public bool Hypothetical { get; init; }

    /// <summary>True when the tie links <paramref name="state"/>.</summary>
    public bool Touches(string state) => A == state || B == state;
}

/// <summary>
/// A cost for crossing the tie between two states, from outside the registry: the legal-friction
/// matrix of <c>trellis friction</c>, say. When given, weighted path metrics (weighted betweenness)
/// use it as the length of a tie instead of <c>1 / weight</c>.
/// </summary>
public interface ITieCosts
{
    /// <summary>
    /// The cost of the tie between <paramref name="a"/> and <paramref name="b"/> (order does not matter),
    /// a positive finite number where larger means harder; null to fall back to <c>1 / weight</c>.
    /// </summary>
    double? CostOf(string a, string b);
}

/// <summary>
/// Weights per tie type, summed over the agreements of a pair to give the weight of its link in the
/// simple graph (a state's strength is the sum of its links' weights). Types without an entry weigh
/// <see cref="Fallback"/>. Immutable; <see cref="With"/> returns a changed copy.
/// </summary>
public sealed class TieWeights
{
    private readonly Dictionary<string, double> _weights;

    private TieWeights(Dictionary<string, double> weights, double fallback)
    {
        _weights = weights;
        Fallback = fallback;
    }

    /// <summary>
    /// The documented defaults: alliance 3 (<c>mutual-defence</c>); access 2 (<c>sofa</c>, <c>vfa</c>, <c>raa</c>,
    /// <c>access</c>); industrial co-development 1.5; logistics, information and equipment 1; arrangements
    /// and cooperation MOUs 0.5; imported dataset ties (<c>atop</c>, <c>cow</c>, <c>dca</c>) 1; a joint exercise (<c>exercise</c>) 1 each.
    /// </summary>
    public static TieWeights Defaults { get; } = new(new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["mutual-defence"] = 3,
        ["sofa"] = 2,
        ["vfa"] = 2,
        ["raa"] = 2,
        ["access"] = 2,
        ["codevelopment"] = 1.5,
        ["logistics"] = 1,
        ["information"] = 1,
        ["equipment"] = 1,
        ["arrangement"] = 0.5,
        ["cooperation"] = 0.5,
        ["atop"] = 1,
        ["cow"] = 1,
        ["dca"] = 1,
        ["exercise"] = 1,
    }, 1);

    /// <summary>Every tie weighs 1: strength equals the number of agreements.</summary>
    public static TieWeights Uniform { get; } = new(new Dictionary<string, double>(StringComparer.Ordinal), 1);

    /// <summary>The weight of a type not listed.</summary>
    public double Fallback { get; }

    /// <summary>The weight of one tie of type <paramref name="type"/>.</summary>
    public double Of(string type) => _weights.TryGetValue(type, out var w) ? w : Fallback;

    /// <summary>The types with an explicit weight, sorted.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Entries =>
        _weights.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();

    /// <summary>A copy with <paramref name="type"/> weighing <paramref name="weight"/> (a positive finite number).</summary>
    public TieWeights With(string type, double weight)
    {
        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A tie weight is a positive finite number.");
        }

        return new TieWeights(new Dictionary<string, double>(_weights, StringComparer.Ordinal) { [type] = weight }, Fallback);
    }
}
