using Trellis.Geo;
using Trellis.Network.Import;
using Trellis.Registry;

namespace Trellis.Network.Reports;

/// <summary>
/// What <c>trellis report hubs</c> asks. The defaults are the article's questions: the United States as the hub; Japan,
/// the UK and Australia as the spokes followed; the Japan–Philippines RAA against the Japan–UK RAA; facilities near
/// 21° N 121° E (the Luzon Strait); Japan–Australia against Japan–UK exercises.
/// </summary>
public sealed record HubsReportRequest
{
    /// <param name="asOf">The day of the report: the last snapshot of the series and the day of the agreement comparison.</param>
    /// <param name="from">The first year of the series; throws <see cref="ArgumentOutOfRangeException"/> when it is after <paramref name="asOf"/>'s year.</param>
    public HubsReportRequest(DateOnly asOf, int from = DefaultFrom)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, asOf.Year);
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        AsOf = asOf;
        From = from;
    }

    /// <summary>The default first year of the series.</summary>
    public const int DefaultFrom = 2000;

    public DateOnly AsOf { get; }

    public int From { get; }

    public string Hub { get; init; } = HubAndSpokes.DefaultHub;

    /// <summary>The states whose hub measures are followed.</summary>
    public IReadOnlyList<string> States { get; init; } = ["JPN", "GBR", "AUS"];

    /// <summary>The agreements compared, the one asked about first.</summary>
    public IReadOnlyList<string> Agreements { get; init; } = ["jpn-phl-raa", "gbr-jpn-raa"];

    /// <summary>The point facilities in reach are counted around.</summary>
    public GeoPoint Point { get; init; } = new(21, 121);

    /// <summary>The great-circle radius around <see cref="Point"/>, km (default 700: Okinawa's southern islands, northern Luzon, Subic and Clark).</summary>
    public double RadiusKm { get; init; } = 700;

    /// <summary>The exercise pairs compared, the one asked about first.</summary>
    public IReadOnlyList<StatePair> Pairs { get; init; } = [new("JPN", "AUS"), new("JPN", "GBR")];

    public GraphOptions Graph { get; init; } = GraphOptions.Default;
}

/// <summary>The exercise comparison, or why there is none.</summary>
/// <param name="View">The counts; null when no exercise dataset was given.</param>
public sealed record InteractionComparison(InteractionsView? View)
{
    public bool HasData => View is not null;
}

/// <summary>
/// The article's claims as numbers: hub measures over time, spoke interconnection without the hub, what each compared
/// agreement adds, and exercise interaction when a dataset is given. Each part names its data: <see cref="Source"/> and
/// <see cref="HubsReportRequest.AsOf"/> for the registry parts, <see cref="InteractionsView.Source"/> for the exercises.
/// </summary>
/// <param name="Source">The registry the network parts were computed on (its <see cref="AgreementRegistry.DataDirectory"/>, or <c>registry</c>).</param>
/// <param name="Missing">Compared agreement ids that are not in the registry (left out of the comparison).</param>
public sealed record HubsReport(
    HubsReportRequest Request,
    string Source,
    int AgreementCount,
    int StateCount,
    HubSeries Series,
    IReadOnlyList<AgreementGain> Gains,
    IReadOnlyList<string> Missing,
    InteractionComparison Interactions)
{
    /// <summary>
    /// Computes the report on <paramref name="registry"/>; <paramref name="exercises"/> (an imported MME file) is optional.
    /// The exercise counts run over the dataset's years.
    /// </summary>
    public static HubsReport Compute(AgreementRegistry registry, HubsReportRequest request, ExerciseSource? exercises = null)
    {
        var source = new RegistrySource(registry);
        var day = request.AsOf;
        var series = HubMeasures.Yearly(source, request.States, request.From, day.Year, day.Month, day.Day, request.Graph, request.Hub);
        var gains = new List<AgreementGain>();
        var missing = new List<string>();
        foreach (var id in request.Agreements)
        {
            if (registry.FindAgreement(id) is { } agreement)
            {
                gains.Add(AgreementGains.Of(registry, agreement, day, request.Point, request.RadiusKm, request.Graph, request.Hub));
            }
            else
            {
                missing.Add(id);
            }
        }

        var interactions = exercises is { Exercises.Count: > 0 }
            ? new InteractionComparison(InteractionsView.Of(exercises, request.Pairs, exercises.FirstYear, exercises.LastYear))
            : new InteractionComparison(null);
        return new HubsReport(request, registry.DataDirectory ?? source.Name, registry.Agreements.Count, registry.States.Count,
            series, gains, missing, interactions);
    }
}
