using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Trellis.Web.Tests.Browser;

/// <summary>Issue 13 §6, the why on the page: requirement lines fold out their explanation; rule and baseline pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WhyBrowserTests(Chromium chromium) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [BrowserFact]
    public async Task RulePage_RendersArticleTextAsHtml_AndItsExampleOpensInThePlannerWithTheWhy()
    {
        using var app = TrellisApp.StartKestrel(_folder.Path);
        var external = new List<string>();
        var page = await chromium.NewPageAsync(external);
        var problems = new List<string>();

        var response = await page.GotoAsync(new Uri(app.Address, "rules/aus-jpn-raa.status.agreed-in-advance").ToString());
        Assert.True(response?.Ok, $"HTTP {response?.Status}");
        Assert.True(await page.Locator("#article-text h2").First.IsVisibleAsync());
        Assert.Contains("aus-jpn-raa.status.agreed-in-advance", await page.Locator("#article-text p").First.InnerTextAsync());
        Assert.Contains("jpn.status.case-by-case-arrangement", await page.Locator("#displacement").InnerTextAsync());
        await Chromium.ScreenshotAsync(page, "rule-page");
        await Axe(page, problems);

        await page.Locator("a", new() { HasText = "Open in the planner" }).First.ClickAsync();
        await page.WaitForURLAsync("**/planner?example=*");
        var why = page.Locator("details.why").First;
        Assert.False(await why.Locator(".why-body").IsVisibleAsync());
        await why.Locator("summary").ClickAsync();
        Assert.True(await why.Locator(".why-body").IsVisibleAsync());
        Assert.Contains("=> ", await why.Locator(".why-trace").InnerTextAsync());
        await why.ScrollIntoViewIfNeededAsync();
        await Chromium.ScreenshotAsync(page, "planner-why");
        await Axe(page, problems);

        await page.GotoAsync(new Uri(app.Address, "baselines/JPN").ToString());
        Assert.True(await page.Locator("h2#topic-entry").IsVisibleAsync());
        Assert.True(await page.Locator("a[href='rules/jpn.entry.visa']").IsVisibleAsync());
        await Axe(page, problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(external);
    }

    [BrowserFact]
    public async Task Planner_AgreementSwitchedOff_ResultsSayWhichAgreementsWereNotAppliedAndWhy()
    {
        using var app = TrellisApp.StartKestrel(_folder.Path);
        var page = await chromium.NewPageAsync([]);

        await page.GotoAsync(new Uri(app.Address, "planner?example=aus-jpn-raa%2Fwithout-the-agreement-in-japan&without=aus-jpn-raa").ToString());

        var skipped = page.Locator("#skipped");
        Assert.True(await skipped.IsVisibleAsync());
        var text = await skipped.InnerTextAsync();
        Assert.Contains("aus-jpn-raa (switched-off)", text);
        Assert.Contains("(no-rules)", text);
    }

    [BrowserFact]
    public async Task Planner_Printed_ShowsTheChecklistNotTheForm_AndFitsA390PixelScreen()
    {
        using var app = TrellisApp.StartKestrel(_folder.Path);
        var page = await chromium.NewPageAsync([], width: 390, height: 844);
        await page.GotoAsync(new Uri(app.Address, "planner?example=aus-jpn-raa%2Fwithout-the-agreement-in-japan&without=aus-jpn-raa").ToString());

        var table = page.Locator("table.reqs").First;
        Assert.True(await table.IsVisibleAsync());
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px screen");
        var box = await table.BoundingBoxAsync();
        Assert.True(box!.X + box.Width <= 390, $"the requirement table ends at {box.X + box.Width} px");
        await Chromium.ScreenshotAsync(page, "planner-why-narrow");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("#text").IsVisibleAsync());
        Assert.False(await page.Locator("header.site").IsVisibleAsync());
        Assert.True(await page.Locator("table.reqs").First.IsVisibleAsync());
    }

    [BrowserFact]
    public async Task UnknownRuleOrBaseline_IsTheNotFoundPage()
    {
        using var app = TrellisApp.StartKestrel(_folder.Path);
        var page = await chromium.NewPageAsync([]);

        foreach (var path in new[] { "rules/jpn.entry.no-such-rule", "baselines/ZZZ" })
        {
            var response = await page.GotoAsync(new Uri(app.Address, path).ToString());
            Assert.Equal(404, response?.Status);
            Assert.Equal("Not found", await page.Locator("h1").InnerTextAsync());
        }
    }

    private static async Task Axe(IPage page, List<string> problems)
    {
        var axe = await page.RunAxe();
        problems.AddRange(axe.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
    }
}
