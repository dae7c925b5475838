using Microsoft.Playwright;

namespace Trellis.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium, driven by Playwright, shared by the browser tests. Nothing is downloaded:
/// Playwright's driver ships in its NuGet package and the browser is <c>/usr/bin/chromium</c>.
/// Every page records requests that leave the loopback interface; there must be none.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(TestEnvironment.ChromiumPath))
        {
            return; // the test itself fails (CI) or is skipped (locally) with the reason
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A page in a fresh context of the given size, with its off-machine requests in <paramref name="external"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string> external, int width = 1280, int height = 800)
    {
        Assert.True(File.Exists(TestEnvironment.ChromiumPath), $"{TestEnvironment.ChromiumPath} is missing: apt-get install chromium (.ci/run does)");
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await context.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (route.Request.Url.StartsWith("data:", StringComparison.Ordinal) || host is "127.0.0.1" or "localhost" or "[::1]")
            {
                await route.ContinueAsync();
            }
            else
            {
                lock (external)
                {
                    external.Add(route.Request.Url);
                }

                await route.AbortAsync();
            }
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs <paramref name="page"/> in through the sign-in page, as a person would, and waits for the home page.</summary>
    public static async Task SignInAsync(IPage page, Uri address, TestUser user)
    {
        await page.GotoAsync(new Uri(address, "account/signin").ToString());
        await page.GetByLabel("E-mail address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestEnvironment.Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
