using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Trellis.Network.Reports;
using Trellis.Web.Endpoints;

namespace Trellis.Web.Components.Pages;

/// <summary>
/// <c>trellis report hubs</c> on a page: the same blocks (<see cref="HubsReportDocument"/>), the charts as inline SVG.
/// <c>asOf</c> (YYYY-MM-DD, default today) and <c>from</c> (first year, default 2000) are the query; a bad value is a 400
/// page with the coded message the API gives.
/// </summary>
public partial class HubsReportPage
{
    /// <summary>The sentence the page says when there is no exercise dataset (the page has none; the CLI takes one).</summary>
    public const string WebExercisesHint =
        "This page has no exercise dataset; the command-line report (trellis report hubs with an MME file, docs/network.md) adds the counts.";

    private const int CacheSize = 16;
    private static readonly ConcurrentDictionary<(AgreementRegistryKey, DateOnly, int), ReportDocument> Cache = new();

    [SupplyParameterFromQuery] public string? AsOf { get; set; }
    [SupplyParameterFromQuery] public string? From { get; set; } // text, so that from=abc is a message, not a 500
    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    private DateOnly day;
    private int first;
    private ReportDocument? document;
    private string? error;

    protected override void OnParametersSet()
    {
        error = null;
        document = null;
        if (!QueryValues.TryDay(AsOf, "asOf", Clock.Today(), out day, out var problem))
        {
            Fail(problem.ProblemDetails);
            return;
        }

        first = Math.Min(HubsReportRequest.DefaultFrom, day.Year);
        if (!string.IsNullOrWhiteSpace(From))
        {
            if (!QueryValues.TryYear(From, "from", 1, day.Year, out first, out var yearProblem))
            {
                Fail(yearProblem.ProblemDetails);
                return;
            }
        }

        var key = (new AgreementRegistryKey(Registry), day, first);
        if (!Cache.TryGetValue(key, out var built))
        {
            var report = HubsReport.Compute(Registry, new HubsReportRequest(day, first));
            // The page names the registry by its folder, not by the server's path.
            var name = Registry.DataDirectory is { } dir ? Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)) : "registry";
            built = HubsReportDocument.Build(report with { Source = name }, WebExercisesHint);
            if (Cache.Count >= CacheSize)
            {
                Cache.Clear();
            }

            Cache[key] = built;
        }

        document = built;
    }

    private void Fail(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        error = problem.Extensions.TryGetValue("code", out var code) && code is not null ? $"{code}: {problem.Detail}" : problem.Detail;
        if (HttpContext is { Response.HasStarted: false })
        {
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Label(ReportTable t) => string.Join(", ", t.Headers);

    /// <summary>A paragraph whose backtick spans are code, as the Markdown file reads.</summary>
    private static RenderFragment Code(string text) => builder =>
    {
        var parts = text.Split('`');
        if (parts.Length % 2 == 0)
        {
            builder.AddContent(0, text);
            return;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                builder.OpenElement(1, "code");
                builder.AddContent(2, parts[i]);
                builder.CloseElement();
            }
            else
            {
                builder.AddContent(3, parts[i]);
            }
        }
    };

    /// <summary>The registry instance as a cache key (by reference: a reloaded registry is another key).</summary>
    private readonly record struct AgreementRegistryKey(Registry.AgreementRegistry Registry)
    {
        public bool Equals(AgreementRegistryKey other) => ReferenceEquals(Registry, other.Registry);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Registry);
    }
}
