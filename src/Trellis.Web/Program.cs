using Scalar.AspNetCore;
using Trellis.Web;
using Trellis.Web.Accounts;
using Trellis.Web.Admin;
using Trellis.Web.Components;
using Trellis.Web.Endpoints;

// Trellis in the browser. Configuration (appsettings.json, environment, command line):
//   Trellis:DataDirectory      where the SQLite database and other state live (default: per-user app data)
//   ConnectionStrings:Trellis  a PostgreSQL connection string: use PostgreSQL instead of SQLite
//   Trellis:Registry           the registry's data folder (default: found like the CLI finds it)
//   Trellis:Demo (--demo)      seed demonstration organisations and users (docs/cases.md)
//   Urls                       where to listen (default http://127.0.0.1:5080, loopback only)
// `admin …` runs an administration command against the database instead of serving (docs/cases.md).
var admin = AdminCommands.IsAdmin(args);
var builder = WebApplication.CreateBuilder(TrellisHosting.Options(admin ? [] : args));
builder.AddTrellis();
builder.Services.AddSingleton(sp => Trellis.Rules.RuleCatalog.Load(sp.GetRequiredService<Trellis.Registry.AgreementRegistry>(), sp.GetRequiredService<Trellis.Rules.Assessor>().Book)); // rule pages
builder.Services.AddSingleton(sp => Trellis.Ledger.Terms.LogisticsTermsBook.Load(sp.GetRequiredService<Trellis.Registry.AgreementRegistry>()).GetValueOrThrow()); // logistics terms on agreement pages
if (admin)
{
    builder.Configuration["Logging:LogLevel:Default"] = "Warning"; // the command's output only
}

var app = builder.Build();
try
{
    await app.PrepareTrellisAsync(); // load and check the registry, create or migrate the database, open first-run setup
}
catch (StartupException ex)
{
    return ex.Report(Console.Error); // the message and every diagnostic, like `trellis validate`; exit 1
}
catch (Exception ex) when (Environment.GetEnvironmentVariable("TRELLIS_DEBUG") is null)
{
    Console.Error.WriteLine($"trellis-web: internal error at start-up: {ex.Message}{Environment.NewLine}This is a bug in Trellis; set TRELLIS_DEBUG=1 for the details, and report it.");
    return 70;
}

if (admin)
{
    return await AdminCommands.RunAsync(app.Services, args[1..], Console.In, Console.Out, Console.Error);
}

app.UseTrellisCompression(); // text responses as Brotli or gzip, except the POST /api/assess hot path
app.UseTrellisSecurityHeaders(); // CSP, nosniff, no framing, referrer policy (docs/web.md)
app.UseExceptionHandler();
app.UseTrellisStatusCodePages();
app.UseRouting(); // after the status-code pages, so that a re-executed request is routed again
app.UseTrellisPageLimits();
app.UseTrellisAccounts(); // sign-in rate limit, cookie or bearer token, authorization
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi();
app.MapScalarApiReference("/api/reference", o => o.WithTitle("Trellis API").WithFavicon("/favicon.svg")
    .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp().HideDeveloperTools().WithDotNetFlag(false)); // assets served by the app; nothing off the machine
app.MapAgreementEndpoints();
app.MapRegistryEndpoints();
app.MapPlanEndpoints();
app.MapAssessEndpoints();
app.MapExerciseEndpoints();
app.MapNetworkEndpoints();
app.MapGeoEndpoints();
app.MapAccountEndpoints();
app.MapCaseEndpoints();
app.MapLedgerEndpoints();
app.MapGet("/healthz", () => "ok").ExcludeFromDescription(); // liveness, and the framework's ceiling in bench/web
app.MapRazorComponents<App>();

await app.RunAsync();
return 0;

/// <summary>The web app's entry point; public for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
