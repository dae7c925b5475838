using System.Net;

namespace Trellis.Web.Tests.Api;

/// <summary>Issue 11 §4 on the page: <c>/reports/hubs</c> renders the core's hubs report blocks, names its data and date, and answers a bad query value with a coded 400 page.</summary>
public sealed class HubsReportPageTests
{
    [Fact]
    public async Task HubsReport_AsOf_Is200WithTheHubTable_AndNamesItsDataAndDate()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/reports/hubs?asOf=2025-06-01&from=2015");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Hubs and spokes: is the USA system becoming a web? (as of 2025-06-01)", html, StringComparison.Ordinal);
        Assert.Contains("Data: the Trellis registry at <code>", html, StringComparison.Ordinal);
        Assert.Contains("snapshots on 06-01 of each year from 2015 to 2025", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"data\" id=\"hub-measures\">", html, StringComparison.Ordinal);
        Assert.Contains("<td>2025-06-01</td><td>JPN</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2015-06-01</td><td>AUS</td>", html, StringComparison.Ordinal);
        Assert.Contains("jpn-phl-raa", html, StringComparison.Ordinal);
        Assert.Contains("This page has no exercise dataset", html, StringComparison.Ordinal);
        Assert.DoesNotContain("--source", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-betweenness\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(folder.Path, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reports/hubs?asOf=2025-13-01", "asOf", "TRL020", "asOf")]
    [InlineData("/reports/hubs?asOf=abc", "asOf", "TRL020", "abc")]
    [InlineData("/reports/hubs?asOf=2025-06-01&from=2026", "from", "TRL900", "is not a year from 1 to 2025")]
    [InlineData("/reports/hubs?from=abc", "from", "TRL900", "is not a year")]
    public async Task HubsReport_BadQueryValue_Is400PageWithTheCodedMessage(string url, string parameter, string code, string says)
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {html}");
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("id=\"report-error\"", html, StringComparison.Ordinal);
        Assert.Contains($"{code}: {parameter}", html, StringComparison.Ordinal);
        Assert.Contains(says, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkPage_LinksTheHubsReport()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/network?asOf=2025-06-01");

        Assert.Contains("href=\"reports/hubs?asOf=2025-06-01\"", html, StringComparison.Ordinal);
    }
}
