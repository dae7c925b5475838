using System.Diagnostics;
using Trellis.Diagnostics;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// Issue 10: the web app started on a broken registry printed a stack trace and aborted (SIGABRT) when a
/// loader threw; now it prints the registry's diagnostics the way <c>trellis validate</c> does and exits 1.
/// </summary>
public sealed class BrokenRegistryStartupTests
{
    [Fact]
    public void RegistryHost_TwoAgreementFoldersWithOneId_ThrowsStartupExceptionCarryingTrl011()
    {
        using var data = BrokenCopy();

        var ex = Assert.Throws<StartupException>(() => RegistryHost.Load(new TrellisOptions { Registry = data.Path }));

        var duplicate = Assert.Single(ex.Diagnostics, d => d.Code == DiagnosticCodes.DuplicateId);
        Assert.EndsWith(System.IO.Path.Combine("gbr-jpn-raa-copy", "agreement.yaml"), duplicate.File, StringComparison.Ordinal);
        Assert.True(duplicate.Line > 0);
    }

    [Fact]
    public void StartupException_Report_PrintsEveryDiagnosticOneALineAndReturnsOne()
    {
        var ex = new StartupException("the registry has errors:", [
            Diagnostic.Error(DiagnosticCodes.DuplicateId, "twice", "a.yaml", 2),
            Diagnostic.Error(DiagnosticCodes.UnknownState, "no such state", "b.yaml", 5),
        ]);
        var error = new StringWriter();

        var code = ex.Report(error);

        Assert.Equal(1, code);
        var lines = error.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(4, lines.Length); // the message, two diagnostics, the count
        Assert.Equal($"a.yaml:2: error {DiagnosticCodes.DuplicateId}: twice", lines[1]);
        Assert.Equal($"b.yaml:5: error {DiagnosticCodes.UnknownState}: no such state", lines[2]);
    }

    [Fact]
    public async Task WebApp_StartedOnARegistryWithADuplicateId_PrintsTheDiagnosticsAndExitsOne()
    {
        using var data = BrokenCopy();
        using var state = new TempFolder();
        var app = Path.Combine(AppContext.BaseDirectory, "Trellis.Web.dll");
        var start = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["Trellis__Registry"] = data.Path;
        start.Environment["Trellis__DataDirectory"] = state.Path;
        start.Environment["ConnectionStrings__Trellis"] = "";
        start.Environment.Remove("TRELLIS_DEBUG");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the app kept running on a broken registry");
        }

        var err = await stderr;
        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}:{Environment.NewLine}{err}{await stdout}");
        Assert.Matches($@"gbr-jpn-raa-copy.agreement\.yaml:\d+: error {DiagnosticCodes.DuplicateId}: ", err);
        Assert.Matches(@"\d+ error\(s\), \d+ warning\(s\)", err);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", err, StringComparison.Ordinal);
    }

    /// <summary>A copy of the bundled data with gbr-jpn-raa copied to a second folder: two agreements with one id, and facilities that cite it.</summary>
    private static TempFolder BrokenCopy()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(TestEnvironment.Data, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(TestEnvironment.Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var source = Path.Combine(folder.Path, "agreements", "gbr-jpn-raa");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, "agreements", "gbr-jpn-raa-copy", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }
}
