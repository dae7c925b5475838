using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Cases;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// Issue 10 §5, "every web input has a coded answer": every GET endpoint the app maps, with bad values
/// for each of its query parameters, answers a 400 problem document with a TRL <c>code</c> and the
/// <c>parameter</c> (or, for free text, anything but a 5xx); every page with a bad query value shows a
/// page, never a 500. No message tells a web user about command-line flags.
/// </summary>
public sealed class InputWalkTests
{
    private static readonly Type[] Typed = [typeof(int), typeof(int?), typeof(bool), typeof(bool?), typeof(long), typeof(long?), typeof(double), typeof(double?), typeof(Guid?)];

    [Fact]
    public async Task EveryGetEndpoint_BadQueryValue_Is400WithCodeAndParameter()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var user = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
        using var client = TestAccounts.Client(app, user);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true && e.Metadata.GetMetadata<MethodInfo>() is not null)
            .ToArray();
        var failures = new List<string>();
        var checkedParameters = 0;
        foreach (var endpoint in endpoints)
        {
            var path = Path(endpoint.RoutePattern);
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in endpoint.Metadata.GetMetadata<MethodInfo>()!.GetParameters().Where(p => IsQuery(p, routeNames)))
            {
                var typed = Typed.Contains(parameter.ParameterType);
                string[] values = typed
                    ? parameter.ParameterType == typeof(bool) || parameter.ParameterType == typeof(bool?) ? ["maybe"] : ["abc", "99999999999"]
                    : ["nope", "ZZZ", "-1", "99999999999", "--x"];
                foreach (var value in values)
                {
                    checkedParameters++;
                    var others = Required.Where(r => r.Key != parameter.Name).Select(r => $"{r.Key}={r.Value}&");
                    var url = $"{path}?{string.Concat(others)}{parameter.Name}={Uri.EscapeDataString(value)}";
                    using var response = await client.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonNode.Parse(body) : null;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{url}: {(int)response.StatusCode}");
                    }
                    else if (typed && (response.StatusCode != HttpStatusCode.BadRequest || problem?["code"] is null || problem["parameter"]?.GetValue<string>() != parameter.Name))
                    {
                        failures.Add($"{url}: {(int)response.StatusCode} {body}");
                    }
                    else if (response.StatusCode == HttpStatusCode.BadRequest && (problem?["code"] is null || problem["parameter"] is null))
                    {
                        failures.Add($"{url}: 400 without code and parameter: {body}");
                    }
                    else if (problem?["detail"]?.GetValue<string>() is { } detail && detail.Contains(" --", StringComparison.Ordinal))
                    {
                        failures.Add($"{url}: the message speaks of command-line flags: {detail}");
                    }
                }
            }
        }

        Assert.True(checkedParameters > 40, $"only {checkedParameters} checks: the walk found too few parameters");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task EveryPage_BadQueryValue_ShowsAPageNever500()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var user = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
        using var client = TestAccounts.Client(app, user);
        // A page may have several routes (the exercise calendar: /exercises and /exercises/calendar): walk each.
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>().Select(r => (Type: t, Route: (string?)r.Template)))
            .Where(p => !p.Route!.StartsWith("/planner", StringComparison.Ordinal))
            .ToArray();
        var failures = new List<string>();
        foreach (var (type, route) in pages)
        {
            var path = route!.Replace("{Id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{Id}", "gbr-jpn-raa", StringComparison.Ordinal).Replace("{Iso3}", "JPN", StringComparison.Ordinal)
                .Replace("{Edition}", "2024", StringComparison.Ordinal);
            foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null))
            {
                var name = property.GetCustomAttribute<SupplyParameterFromQueryAttribute>()!.Name ?? property.Name;
                foreach (var value in new[] { "abc", "ZZZ", "99999999999", "--x" })
                {
                    using var response = await client.GetAsync($"{path}?{name}={Uri.EscapeDataString(value)}");
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{path}?{name}={value}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(pages.Length > 8, "the walk found too few pages");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("/network?year=abc", "year")]
    [InlineData("/network?year=99999999999", "year")]
    public async Task NetworkPage_BadYear_SaysWhichYearsItTakes(string url, string parameter)
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{parameter}: ", html, StringComparison.Ordinal);
        Assert.Contains("is not a year from 1950", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/network/candidates?top=99999999999", "top", "a whole number")]
    [InlineData("/api/network/timeline?from=abc&to=2020", "from", "a whole number")]
    [InlineData("/api/network/timeline?to=2020", "from", "required")]
    [InlineData("/api/network/export?format=csv&allDates=maybe", "allDates", "true or false")]
    public async Task TypedParameter_BadValue_NamesTheParameterAndWhatItTakes(string url, string parameter, string says)
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(Diagnostics.DiagnosticCodes.InvalidOption, problem["code"]!.GetValue<string>());
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
        Assert.Contains(says, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Good values of the parameters some endpoints require, sent beside the bad one.</summary>
    private static readonly Dictionary<string, string> Required = new(StringComparer.Ordinal) { ["from"] = "2000", ["to"] = "2010", ["format"] = "csv" };

    private static bool IsQuery(ParameterInfo p, HashSet<string> routeNames)
    {
        if (routeNames.Contains(p.Name!) || p.GetCustomAttribute<FromBodyAttribute>() is not null || p.GetCustomAttribute<FromHeaderAttribute>() is not null
            || p.GetCustomAttribute<FromServicesAttribute>() is not null)
        {
            return false;
        }

        return p.ParameterType == typeof(string) || p.ParameterType == typeof(string[]) || Typed.Contains(p.ParameterType);
    }

    private static string Path(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart s => s.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => Guid.NewGuid().ToString(),
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.Name == "id" => "gbr-jpn-raa",
            _ => "x",
        })));
        return "/" + string.Join('/', segments);
    }
}
