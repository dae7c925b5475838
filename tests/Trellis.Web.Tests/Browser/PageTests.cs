using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Trellis.Web.Tests.Browser;

/// <summary>The main pages in a real browser: they render, pass axe-core, stay on the machine, and keep their state in the URL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTests(Chromium chromium) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [BrowserFact]
    public async Task MainPages_Render_WithoutSeriousAccessibilityViolations_OrOffMachineRequests()
    {
        using var app = TrellisApp.StartKestrel(_folder.Path);
        var external = new List<string>();
        var page = await chromium.NewPageAsync(external);
        var problems = new List<string>();

        foreach (var (path, name) in new[]
        {
            ("", "home"), ("agreements", "agreements"), ("agreements?state=JPN&type=raa", "agreements-filtered"),
            ("agreements/gbr-jpn-raa", "agreement"), ("states/JPN", "state"), ("planner", "planner"), ("network", "network"), ("map", "map"),
            ("account/signin", "signin"),
        })
        {
            var response = await page.GotoAsync(new Uri(app.Address, path).ToString());
            Assert.True(response?.Ok, $"/{path}: HTTP {response?.Status}");
            Assert.True(await page.Locator("h1").First.IsVisibleAsync(), $"/{path} has no visible h1");
            await Chromium.ScreenshotAsync(page, name);

            var axe = await page.RunAxe();
            problems.AddRange(axe.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"/{path}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(external);
    }

    [BrowserFact]
    public async Task Agreements_FilterByKeyboard_PutsTheFiltersInTheUrl()
    {
        using var app = TrellisApp.StartKestrel(_folder.Path);
        var page = await chromium.NewPageAsync([]);
        await page.GotoAsync(new Uri(app.Address, "agreements").ToString());

        await page.Locator("#state").SelectOptionAsync("JPN");
        await page.Locator("#type").SelectOptionAsync("raa");
        await page.Locator("#asOf").FillAsync("2023-10-15");
        await page.Locator("#asOf").PressAsync("Enter");
        await page.WaitForURLAsync("**/agreements?*");

        Assert.Contains("state=JPN", page.Url, StringComparison.Ordinal);
        Assert.Contains("type=raa", page.Url, StringComparison.Ordinal);
        Assert.Contains("asOf=2023-10-15", page.Url, StringComparison.Ordinal);
        var rows = await page.Locator("table.data tbody tr").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.Contains("gbr-jpn-raa", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("raa", r, StringComparison.Ordinal));

        await page.Locator("a[href^='agreements/gbr-jpn-raa']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("RAA");
        await Assertions.Expect(page.Locator("dl.facts-list")).ToContainTextAsync("in-force");
    }

    [BrowserFact]
    public async Task NarrowWindow_NavigationAndTableStayUsable()
    {
        using var app = TrellisApp.StartKestrel(_folder.Path);
        var page = await chromium.NewPageAsync([], width: 390, height: 844);
        await page.GotoAsync(new Uri(app.Address, "agreements?state=JPN").ToString());
        await Chromium.ScreenshotAsync(page, "agreements-narrow");

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 400, $"the page scrolls sideways: {scrollWidth}px wide");
        Assert.True(await page.Locator("nav a[href='map']").IsVisibleAsync());
    }

    [BrowserFact]
    public async Task ApiReference_Loads_WithNothingFromOffTheMachine()
    {
        using var app = TrellisApp.StartKestrel(_folder.Path);
        var external = new List<string>();
        var page = await chromium.NewPageAsync(external);

        await page.GotoAsync(new Uri(app.Address, "api/reference/").ToString());
        // Scalar rendered the API document: the sidebar lists the operations by tag (agreements are no longer the first tag).
        await Assertions.Expect(page.Locator("a[href*='#tag/agreements']").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("a[href*='#tag/cases']").First).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "api-reference");

        Assert.Empty(external);
    }

    [BrowserFact]
    public async Task SavedPlan_SurvivesARestart()
    {
        string id;
        TestUser user;
        using (var app = TrellisApp.StartKestrel(_folder.Path))
        {
            user = await TestAccounts.CreateAsync(app, "GBR", Trellis.Cases.Role.Planner);
            using var client = new HttpClient { BaseAddress = app.Address };
            client.DefaultRequestHeaders.Authorization = new("Bearer", user.Token);
            id = await Api.PlanApiTests.Create(client);
        }

        using (var app = TrellisApp.StartKestrel(_folder.Path))
        using (var client = new HttpClient { BaseAddress = app.Address })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", user.Token);
            var list = await client.GetFromJsonAsync<JsonNode>("api/plans");
            Assert.Contains(list!["plans"]!.AsArray(), p => p!["id"]!.GetValue<string>() == id);
            var page = await chromium.NewPageAsync([]);
            await Chromium.SignInAsync(page, app.Address, user); // the cookie of the sign-in page reaches the API too
            await page.GotoAsync(new Uri(app.Address, "api/plans").ToString());
            Assert.Contains("UK exercise in Japan", await page.ContentAsync(), StringComparison.Ordinal);
        }
    }
}
