using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Trellis.Network;
using Trellis.Registry;
using Trellis.Web.Endpoints;

namespace Trellis.Web.Components.Pages;

/// <summary>
/// The network page. Its state — year, layers, agreements switched off, a hypothetical agreement —
/// is the query string, so every view can be linked.
/// </summary>
public partial class Network
{
    private const int Size = 640;
    private const int FirstYear = 1950;
    private static readonly string[] AllLayers = Enum.GetValues<Layer>().Select(l => l.ToName()).ToArray();
    private static readonly ConcurrentDictionary<string, HubsView> HubCache = new(StringComparer.Ordinal);

    [SupplyParameterFromQuery] public string? Year { get; set; } // text, so that year=abc is a message, not a 500
    [SupplyParameterFromQuery] public string? AsOf { get; set; }
    [SupplyParameterFromQuery(Name = "layers")] public string[]? Layers { get; set; }
    [SupplyParameterFromQuery(Name = "remove")] public string[]? Remove { get; set; }
    [SupplyParameterFromQuery] public string? AddA { get; set; }
    [SupplyParameterFromQuery] public string? AddB { get; set; }
    [SupplyParameterFromQuery] public string? AddType { get; set; }

    private int LastYear => Clock.Today().Year;

    private DateOnly day;
    private HashSet<string> selectedLayers = [];
    private HashSet<string> removed = new(StringComparer.Ordinal);
    private List<Agreement> added = [];
    private GraphView? graph;
    private MetricsView? metrics;
    private WhatIfView? whatIf;
    private HubsView? hubs;
    private string? error;
    private IReadOnlyList<Agreement> inForce = [];
    private IReadOnlyList<State> nodeStates = [];
    private Dictionary<string, int> degrees = [];
    private Dictionary<string, (double X, double Y, double LabelX, double LabelY, string Anchor)> positions = [];

    protected override void OnParametersSet()
    {
        var today = Clock.Today();
        if (!string.IsNullOrWhiteSpace(AsOf))
        {
            if (!QueryValues.TryDay(AsOf, "asOf", today, out day, out var problem))
            {
                error = problem.ProblemDetails.Detail;
                return;
            }
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(Year) && !QueryValues.TryYear(Year, "year", FirstYear, LastYear, out _, out var yearProblem))
            {
                error = yearProblem.ProblemDetails.Detail;
                return;
            }

            day = int.TryParse(Year, CultureInfo.InvariantCulture, out var y) && y < LastYear ? new DateOnly(y, 12, 31) : today;
        }

        var layerText = Layers is { Length: > 0 } ? string.Join(',', Layers) : null;
        if (!NetworkEndpoints.TryOptions(layerText, out var options, out var layerProblem))
        {
            error = layerProblem.ProblemDetails.Detail;
            return;
        }

        selectedLayers = NetworkViews.LayerNames(options).ToHashSet(StringComparer.Ordinal);
        positions = Layout(Registry);
        nodeStates = positions.Keys.Select(k => Registry.FindState(k)!).Where(s => s is not null).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        inForce = Registry.InForceOn(day).OrderBy(a => a.ShortName, StringComparer.Ordinal).ToArray();
        graph = NetworkEndpoints.GraphOn(Source, Registry, day, options);
        metrics = NetworkEndpoints.MetricsOn(Source, day, options);
        degrees = metrics.States.ToDictionary(s => s.State, s => s.Degree, StringComparer.Ordinal);

        removed = (Remove ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).ToHashSet(StringComparer.Ordinal);
        var add = !string.IsNullOrWhiteSpace(AddA) && !string.IsNullOrWhiteSpace(AddB) ? new[] { $"{AddA}-{AddB}:{AddType ?? "raa"}" } : [];
        if (removed.Count > 0 || add.Length > 0)
        {
            var (view, problem) = NetworkEndpoints.WhatIfOn(Registry, day, options, add, [.. removed]);
            if (problem is not null)
            {
                error = problem.ProblemDetails.Detail;
                return;
            }

            whatIf = view;
            foreach (var a in add)
            {
                if (NetworkEndpoints.TryAgreement(Registry, a, "add", day, out var agreement, out _))
                {
                    added.Add(agreement);
                }
            }
        }

        var key = $"{string.Join(',', selectedLayers.Order(StringComparer.Ordinal))}|{LastYear}";
        hubs = HubCache.GetOrAdd(key, _ => NetworkEndpoints.HubsOf(Source, Registry, "USA", 1990, LastYear, options).View!);
    }

    /// <summary>
    /// Every state that is party to any agreement, on a circle grouped by region: the same place at
    /// every date and with any filter, so that moving through time only changes the ties.
    /// </summary>
    private static Dictionary<string, (double X, double Y, double LabelX, double LabelY, string Anchor)> Layout(AgreementRegistry registry)
    {
        var states = registry.Agreements.SelectMany(a => a.Parties).Distinct(StringComparer.Ordinal)
            .Select(p => registry.FindState(p)).Where(s => s is not null).Select(s => s!)
            .OrderBy(s => Array.IndexOf(Regions, s.Region)).ThenBy(s => s.Iso3, StringComparer.Ordinal).ToArray();
        var result = new Dictionary<string, (double, double, double, double, string)>(StringComparer.Ordinal);
        const double centre = Size / 2.0, radius = Size / 2.0 - 60;
        for (var i = 0; i < states.Length; i++)
        {
            var angle = (2 * Math.PI * i / states.Length) - (Math.PI / 2);
            var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
            result[states[i].Iso3] = (centre + radius * cos, centre + radius * sin, centre + (radius + 22) * cos, centre + (radius + 22) * sin + 4,
                cos > 0.2 ? "start" : cos < -0.2 ? "end" : "middle");
        }

        return result;
    }

    private static readonly string[] Regions = ["north-america", "latin-america", "europe", "africa", "western-asia", "central-asia", "south-asia", "southeast-asia", "east-asia", "oceania"];

    private string Query(string? extra = null)
    {
        var parts = new List<string> { $"asOf={NetworkViews.Day(day)}" };
        if (Layers is { Length: > 0 })
        {
            parts.Add("layers=" + Uri.EscapeDataString(string.Join(',', Layers)));
        }

        if (extra is not null)
        {
            parts.Add(extra);
        }

        return string.Join('&', parts);
    }

    private string ApiLink => "api/network/metrics?" + Query();

    private string ExportLink(string format) => "api/network/export?" + Query("format=" + format);

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Signed(double v) => v.ToString("+0.###;−0.###;0", CultureInfo.InvariantCulture);
}
