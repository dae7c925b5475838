using System.Net;
using System.Text;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// Issue 10 §5, security headers and hosts: no open redirect from the page size limit; only the loopback
/// host names by default (DNS rebinding); every response has a Content-Security-Policy that forbids framing,
/// nosniff and a referrer policy.
/// </summary>
public sealed class SecurityHeaderTests
{
    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    public async Task OversizedFormPost_ToAPathNamingAnotherHost_RedirectsHomeNotThere(string path)
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path, maxRequestBytes: 1024);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("http://localhost" + path))
        {
            Content = new StringContent("x=" + new string('a', 4096), Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal("/?error=too-large", location);
    }

    [Fact]
    public async Task OversizedFormPost_ToAPage_GoesBackToThatPage()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path, maxRequestBytes: 1024);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.PostAsync("/planner", new StringContent("x=" + new string('a', 4096), Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/planner?error=too-large", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("evil.example:5080", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1:5080", HttpStatusCode.OK)]
    [InlineData("[::1]:5080", HttpStatusCode.OK)]
    public async Task HostHeader_OnlyLoopbackNamesByDefault(string host, HttpStatusCode expected)
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AllowedHosts_IsConfigurable()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path) { Settings = { ["AllowedHosts"] = "trellis.example" } };
        using var client = app.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "trellis.example";
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/planner")]
    [InlineData("/network?year=abc")]
    [InlineData("/api/agreements")]
    [InlineData("/api/network/candidates?top=abc")]
    [InlineData("/api/reference")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_HasCspNosniffNoFramingAndReferrerPolicy(string url)
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').First(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
