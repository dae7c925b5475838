using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Trellis.Web.Tests.Cases;

namespace Trellis.Web.Tests.Browser;

/// <summary>
/// The UK-in-Japan sample carried from draft to every filing decided, in a real browser, by a UK
/// planner and approver and a Japanese host reviewer in browser contexts of their own (issue 9 §9).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseBrowserTests(Chromium chromium) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<IPage> SignedInAsync(TrellisApp app, TestUser user, List<string> external)
    {
        var page = await chromium.NewPageAsync(external);
        await page.GotoAsync(new Uri(app.Address, "account/signin").ToString());
        await page.Locator("#email").FillAsync(user.Email);
        await page.Locator("#password").FillAsync(user.Password);
        await page.Locator("form button[type=submit]").Last.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }

    private static async Task MoveAsync(IPage page, ILocator row, string to, string? note = null)
    {
        await row.Locator("select[name=to]").SelectOptionAsync(to);
        if (note is not null)
        {
            await row.Locator("input[name=note]").FillAsync(note);
        }

        await row.Locator("button", new() { HasText = "Move" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    [BrowserFact]
    public async Task UkInJapan_FromDraftToEveryFilingDecided_InTwoMinistriesBrowsers()
    {
        using var app = TrellisApp.StartKestrel(_folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        var external = new List<string>();

        // The UK planner opens a case from the saved plan and submits it for approval.
        var planner = await SignedInAsync(app, f.Planner, external);
        await planner.GotoAsync(new Uri(app.Address, "cases").ToString());
        await planner.Locator("form[aria-label='Open a case'] button").ClickAsync();
        await planner.WaitForURLAsync("**/cases/*");
        await Assertions.Expect(planner.Locator("[data-testid=case-status]")).ToHaveTextAsync("draft");
        await Chromium.ScreenshotAsync(planner, "case-draft");
        var caseUrl = planner.Url;
        await planner.Locator("[data-testid=case-submit]").ClickAsync();
        await Assertions.Expect(planner.Locator("[data-testid=case-status]")).ToHaveTextAsync("awaiting-approval");

        // Before release the Japanese reviewer's inbox is empty and the case is not found.
        var reviewer = await SignedInAsync(app, f.Reviewer, external);
        var hidden = await reviewer.GotoAsync(caseUrl);
        Assert.Equal(404, hidden!.Status);

        // The UK approver releases it.
        var approver = await SignedInAsync(app, f.Approver, external);
        await approver.GotoAsync(caseUrl);
        await approver.Locator("[data-testid=case-approve]").ClickAsync();
        await Assertions.Expect(approver.Locator("[data-testid=case-status]")).ToHaveTextAsync("submitted");

        // The reviewer finds the filings in the inbox; one goes through need-more-info and back.
        await reviewer.GotoAsync(new Uri(app.Address, "inbox").ToString());
        await Assertions.Expect(reviewer.Locator("[data-testid=inbox] tbody tr").First).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(reviewer, "case-inbox");
        await reviewer.Locator("[data-testid=inbox] a").First.ClickAsync();
        await reviewer.WaitForURLAsync("**/cases/*");
        var rows = reviewer.Locator("[data-testid=filings] tbody tr");
        var count = await rows.CountAsync();
        Assert.True(count > 1);
        var firstRule = await rows.First.GetAttributeAsync("data-rule");
        await MoveAsync(reviewer, rows.First, "need-more-info", "Send the aircraft registrations");

        await planner.GotoAsync(caseUrl);
        var asked = planner.Locator($"[data-testid=filings] tbody tr[data-rule='{firstRule}']");
        await Assertions.Expect(asked.Locator("[data-testid=filing-status]")).ToHaveTextAsync("need-more-info");
        await MoveAsync(planner, asked, "submitted", "Registrations: ZJ910, ZJ911");

        // The reviewer decides every filing.
        await reviewer.GotoAsync(caseUrl);
        for (var i = 0; i < count; i++)
        {
            var open = reviewer.Locator("[data-testid=filings] tbody tr:has(select[name=to])").First;
            await MoveAsync(reviewer, open, "approved");
        }

        var statuses = await reviewer.Locator("[data-testid=filing-status]").AllInnerTextsAsync();
        Assert.Equal(count, statuses.Count);
        Assert.All(statuses, s => Assert.Equal("approved", s.Trim()));
        await Assertions.Expect(reviewer.Locator("[data-testid=comments]")).ToContainTextAsync("Send the aircraft registrations");
        await Chromium.ScreenshotAsync(reviewer, "case-decided");

        await planner.GotoAsync(caseUrl);
        var axe = await planner.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToArray();
        Assert.True(serious.Length == 0, string.Join(Environment.NewLine, serious));
        Assert.Empty(external);
    }
}
