using Trellis.Cli;
using Trellis.Diagnostics;
using Trellis.Tests.Cli;

namespace Trellis.Tests.Network.Reports;

/// <summary><c>trellis report hubs</c> end to end: the files it writes, and its errors.</summary>
public sealed class HubsReportCliTests
{
    private static readonly string[] Expected =
    [
        "hubs.md", "hubs.html", "hub-measures.csv", "spoke-interconnection.csv", "agreement-gains.csv", "agreement-reach.csv",
        "betweenness.svg", "betweenness.png", "betweenness-without-hub.svg", "betweenness-without-hub.png",
        "ties-among-spokes.svg", "ties-among-spokes.png", "interconnection.svg", "interconnection.png",
    ];

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "trellis-report-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ReportHubs_OnTheFixture_WritesEveryFile_AndSaysThereIsNoExerciseData()
    {
        using var data = HubsReportFixture.Write();
        var dir = TempDir();
        try
        {
            var result = CliRunner.RunRaw("report", "hubs", "--data", data.Root, "--output", dir, "--as-of", "2026-01-01", "--from", "2022");
            Assert.True(result.ExitCode == TrellisCli.Ok, result.Err);
            foreach (var name in Expected)
            {
                Assert.True(new FileInfo(Path.Combine(dir, name)).Length > 100, $"{name} is missing or tiny");
            }

            Assert.False(File.Exists(Path.Combine(dir, "interactions.csv")));
            var md = File.ReadAllText(Path.Combine(dir, "hubs.md"));
            Assert.Contains("No exercise dataset was given", md, StringComparison.Ordinal);
            Assert.Contains("as of 2026-01-01", md, StringComparison.Ordinal);
            Assert.Contains("3 of the 6 pairs of the 4 USA spokes", md, StringComparison.Ordinal);
            Assert.Contains("already tied on 2026-01-01 by gbr-jpn-logistics", md, StringComparison.Ordinal);

            // Self-contained: the charts are inline, nothing is fetched.
            var html = File.ReadAllText(Path.Combine(dir, "hubs.html"));
            Assert.Equal(4, html.Split("<svg").Length - 1);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("No exercise dataset was given", html, StringComparison.Ordinal);

            var csv = File.ReadAllLines(Path.Combine(dir, "spoke-interconnection.csv"));
            Assert.Equal("year,day,spokes,spokePairs,linkedPairs,interconnection,hubsAmongSpokes", csv[0]);
            Assert.Equal("2026,2026-01-01,4,6,3,0.5,JPN", csv[^1]);
            Assert.Contains("jpn-phl-raa,JPN,north-luzon,North Luzon,PHL,", File.ReadAllText(Path.Combine(dir, "agreement-reach.csv")), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void ReportHubs_WithMmeSource_AddsTheExerciseChartAndNumbers()
    {
        var dir = TempDir();
        try
        {
            var mme = "mme:" + Repo.Path_("tests", "Trellis.Tests", "Network", "Fixtures", "mme_exercises.csv");
            var result = CliRunner.Run("report", "hubs", "--output", dir, "--as-of", "2026-01-01", "--from", "2024", "--source", mme);
            Assert.True(result.ExitCode == TrellisCli.Ok, result.Err);
            Assert.True(File.Exists(Path.Combine(dir, "interactions.svg")) && File.Exists(Path.Combine(dir, "interactions.png")));
            var csv = File.ReadAllLines(Path.Combine(dir, "interactions.csv"));
            Assert.Contains("JPN-AUS,total,5", csv);
            Assert.Contains("JPN-GBR,total,2", csv);
            Assert.Contains("JPN-AUS 5; JPN-GBR 2 (source: mme:", File.ReadAllText(Path.Combine(dir, "hubs.md")), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void ReportHubs_OutputUnderAFile_IsTrl902()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = CliRunner.Run("report", "hubs", "--output", Path.Combine(file, "report"), "--as-of", "2026-01-01", "--from", "2025");
            Assert.Equal(TrellisCli.InvalidInput, result.ExitCode);
            Assert.Contains(DiagnosticCodes.OutputNotWritable, result.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(DiagnosticCodes.UnknownSource, "--source", "atop:x.csv")]
    [InlineData(DiagnosticCodes.InvalidOption, "--from", "2030")]
    [InlineData(DiagnosticCodes.InvalidOption, "--window", "2")]
    public void ReportHubs_BadOption_IsExitOneWithItsCode(string expected, params string[] args)
    {
        var result = CliRunner.Run(["report", "hubs", "--output", TempDir(), "--as-of", "2026-01-01", .. args]);
        Assert.Equal(TrellisCli.InvalidInput, result.ExitCode);
        Assert.Contains(expected, result.Err, StringComparison.Ordinal);
    }
}
