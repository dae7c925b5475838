using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trellis.Web.Accounts;
using Trellis.Web.Endpoints;
using Trellis.Web.Persistence;

namespace Trellis.Web;

/// <summary>
/// Stops the app before it serves anything, with a message that says how to fix the setup and, when the
/// registry's data is at fault, every diagnostic (printed one a line, as <c>trellis validate</c> prints them).
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner)
{
    public StartupException(string message, IReadOnlyList<Diagnostics.Diagnostic> diagnostics)
        : this(message) => Diagnostics = diagnostics;

    public IReadOnlyList<Diagnostics.Diagnostic> Diagnostics { get; } = [];

    /// <summary>
    /// Prints the failure to <paramref name="error"/> — the message, then each diagnostic as <c>file:line: error TRLnnn: ...</c>
    /// and a count, like <c>trellis validate</c> — and returns the exit code, 1: the setup or the data is at fault, not the app.
    /// </summary>
    public int Report(TextWriter error)
    {
        error.WriteLine($"trellis-web: {Message}");
        foreach (var d in Diagnostics)
        {
            error.WriteLine(d.ToString());
        }

        if (Diagnostics.Count > 0)
        {
            var errors = Diagnostics.Count(d => d.Severity == Trellis.Diagnostics.Severity.Error);
            error.WriteLine($"{errors} error(s), {Diagnostics.Count - errors} warning(s)");
        }

        return 1;
    }
}

/// <summary>
/// The <c>Trellis</c> section of the configuration (environment variables <c>Trellis__Key</c>).
/// Read lazily, so that tests can inject values through <c>WebApplicationFactory</c>.
/// </summary>
public sealed class TrellisOptions
{
    public const string Section = "Trellis";

    /// <summary>
    /// Where the SQLite database (<c>trellis.db</c>) and other state of this installation live.
    /// Default: <c>trellis</c> in the user's local application-data folder
    /// (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows),
    /// or <c>./.trellis</c> when the system has none.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>The registry's data folder; default: found like the CLI does (<c>$TRELLIS_DATA</c>, <c>./data</c>, the copy beside the app).</summary>
    public string? Registry { get; set; }

    /// <summary>Largest request body accepted, in bytes (uploaded plans, form posts). Default 1 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 1 << 20;

    /// <summary>
    /// Seed the demonstration organisations and users (<c>--demo</c> on the command line): every
    /// page then says it is a demo. Never on an installation with real accounts.
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>Sign-in (and first-run setup) form posts accepted per client address and minute; more get 429. Default 10.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>The data folder to use, made absolute.</summary>
    public string ResolveDataDirectory()
    {
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            return Path.GetFullPath(DataDirectory);
        }

        var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(appData) ? Path.GetFullPath(".trellis") : Path.Combine(appData, "trellis");
    }
}

/// <summary>How <c>Program</c> wires the app, kept out of <c>Program.cs</c> so that it fits on a screen.</summary>
public static class TrellisHosting
{
    /// <summary>Where the app listens unless <c>Urls</c>, <c>ASPNETCORE_URLS</c>, <c>--urls</c> or Kestrel endpoints say otherwise: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// The app's own folder is its content root (appsettings.json, wwwroot), whatever the working
    /// directory, unless <c>--contentRoot</c> says otherwise or a test host runs the app.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var hosted = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == typeof(TrellisHosting).Assembly.GetName().Name;
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null;
        args = [.. args.Select(a => a == "--demo" ? "--Trellis:Demo=true" : a)];
        return new WebApplicationOptions { Args = args, ContentRootPath = hosted && !explicitRoot ? AppContext.BaseDirectory : null };
    }

    public static WebApplicationBuilder AddTrellis(this WebApplicationBuilder builder)
    {
        // Serves wwwroot from the project folder when run from a build output (no-op when published).
        builder.WebHost.UseStaticWebAssets();

        var config = builder.Configuration;
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["http_ports"]) && string.IsNullOrEmpty(config["https_ports"])
            && !config.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddOptions<TrellisOptions>().BindConfiguration(TrellisOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<TrellisOptions>>((kestrel, trellis) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = trellis.Value.MaxRequestBytes;
        });
        services.AddOptions<FormOptions>().Configure<IOptions<TrellisOptions>>((form, trellis) =>
        {
            form.MultipartBodyLengthLimit = trellis.Value.MaxRequestBytes;
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, trellis.Value.MaxRequestBytes);
        });

        services.AddTrellisCompression();
        services.AddProblemDetails();
        services.AddExceptionHandler<TooLargeHandler>();
        services.AddExceptionHandler<BadParameterHandler>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // binding failures reach BadParameterHandler
        services.ConfigureHttpJsonOptions(o =>
        {
            // The settings of the CLI's JSON output, so both print the same documents — but compact:
            // indenting made an assessment 33 KB instead of 26 KB and its writing 25 % slower
            // (bench/results/web-2026-11-28.md). Downloads (the planner's exports) stay indented.
            var j = o.SerializerOptions;
            j.PropertyNamingPolicy = Json.Options.PropertyNamingPolicy;
            j.WriteIndented = false;
            j.Encoder = Json.Options.Encoder;
            j.DefaultIgnoreCondition = Json.Options.DefaultIgnoreCondition;
            foreach (var converter in Json.Options.Converters)
            {
                j.Converters.Add(converter);
            }
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Trellis API";
            document.Info.Description = "The agreement registry, saved plans and (as they land) assessment, network and geography of Trellis. Errors are RFC 9457 problem documents.";
            return Task.CompletedTask;
        }).AddTrellisDescriptions()) ; // parameters, error responses, If-Match and ETag (Endpoints/OpenApiDocs.cs)
        services.AddRazorComponents();

        services.TryAddSingleton(TimeProvider.System); // "today" of assessments; tests register a fixed clock first
        services.AddSingleton(sp => RegistryHost.Load(sp.GetRequiredService<IOptions<TrellisOptions>>().Value));
        services.AddSingleton(sp => RulesHost.Load(sp.GetRequiredService<Registry.AgreementRegistry>()));
        services.AddSingleton(sp => new Network.RegistrySource(sp.GetRequiredService<Registry.AgreementRegistry>()));
        services.AddSingleton(sp => StatePointsHost.Load(sp.GetRequiredService<Registry.AgreementRegistry>()));
        services.AddSingleton(sp =>
        {
            var map = new Map.WorldMap(Map.WorldMap.DefaultFile);
            map.UseNames(sp.GetRequiredService<Registry.AgreementRegistry>().States);
            return map;
        });
        services.AddTrellisDatabase();
        services.AddTrellisAccounts();
        services.AddSingleton(sp => new RegistryFingerprint(sp.GetRequiredService<Registry.AgreementRegistry>().DataDirectory is { } folder ? Registry.ContentHash.Of(folder) : "none"));
        services.AddScoped<CaseStore>();
        services.AddScoped<LedgerStore>();
        return builder;
    }

    /// <summary>Loads the registry and migrates the database; throws <see cref="StartupException"/> with a fix when either fails.</summary>
    public static async Task PrepareTrellisAsync(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<Registry.AgreementRegistry>();
        app.Services.GetRequiredService<Rules.Assessor>();
        app.Services.GetRequiredService<Geo.StatePoints>();
        var database = await Database.MigrateAsync(app.Services, CancellationToken.None);
        await FirstRun.PrepareAsync(app, CancellationToken.None);
        if (app.Logger.IsEnabled(LogLevel.Information))
        {
            app.Logger.LogInformation("Registry: {States} states, {Agreements} agreements from {Folder}; database: {Database}",
                registry.States.Count, registry.Agreements.Count, registry.DataDirectory, database);
        }
    }

    /// <summary>
    /// The text types compressed on the fly: the world map (SVG), pages, JSON documents, scripts.
    /// The static files (CSS, JS) are compressed at build time and served as such by
    /// <c>MapStaticAssets</c>; a response that already has a <c>Content-Encoding</c> is left alone.
    /// </summary>
    public static readonly string[] CompressedTypes =
    [
        "text/html", "text/css", "text/javascript", "application/javascript", "text/plain", "text/markdown", "text/calendar",
        "image/svg+xml", "application/json", "application/problem+json", "application/geo+json", "application/xml", "application/yaml",
    ];

    /// <summary>
    /// Gzip, preferred, and Brotli for clients that prefer it, both at the fastest level. Measured
    /// (docs/web.md, "Compression"): on responses written in pieces, as the middleware sees them,
    /// Brotli's fastest level compresses JSON less than gzip's and costs more CPU under load, so
    /// gzip comes first when a client accepts both. Also over HTTPS: the one secret in a page, the
    /// antiforgery token, is encrypted afresh (random IV) in every response, so BREACH has nothing
    /// stable to recover.
    /// </summary>
    private static IServiceCollection AddTrellisCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<GzipCompressionProvider>();
            o.Providers.Add<BrotliCompressionProvider>();
            o.MimeTypes = CompressedTypes;
        });
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>
    /// Compresses responses of the <see cref="CompressedTypes"/> when the client accepts it, except
    /// <c>POST /api/assess</c>: the hot path under load, where gzipping its JSON costs ≈ 0.1 ms of
    /// the ≈ 0.34 ms of CPU the whole request takes (docs/web.md, "Compression" and "Load").
    /// </summary>
    public static WebApplication UseTrellisCompression(this WebApplication app)
    {
        app.UseWhen(c => !IsAssess(c.Request), compressed => compressed.UseResponseCompression());
        return app;

        static bool IsAssess(HttpRequest request) => HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/assess");
    }

    /// <summary>
    /// A form post to a page that is larger than <c>Trellis:MaxRequestBytes</c> goes back to the page
    /// with <c>?error=too-large</c> before anything reads it (the API answers 413 itself).
    /// </summary>
    public static WebApplication UseTrellisPageLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<TrellisOptions>>().Value.MaxRequestBytes;
            if (HttpMethods.IsPost(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api") && context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = BackToPage(context.Request, "too-large");
                context.Response.Headers.Connection = "close";
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// Where a page's form post goes back to, with <c>?error=</c>: the request's own path when it is local,
    /// else the home page. A path beginning <c>//</c> or <c>/\</c> is not local: browsers read
    /// <c>//evil.example/x</c> as another host, so echoing it would be an open redirect.
    /// </summary>
    public static string BackToPage(HttpRequest request, string error)
    {
        var path = request.PathBase.Add(request.Path);
        var text = path.Value ?? "";
        var local = text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) && !text.StartsWith("/\\", StringComparison.Ordinal);
        return $"{(local ? path.ToUriComponent() : "/")}?error={Uri.EscapeDataString(error)}";
    }

    /// <summary>Problem documents for API paths; the not-found page for everything else.</summary>
    public static WebApplication UseTrellisStatusCodePages(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
            ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        return app;
    }
}
