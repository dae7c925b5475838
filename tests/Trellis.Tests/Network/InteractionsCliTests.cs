using System.Text.Json;
using Trellis.Cli;
using Trellis.Diagnostics;

namespace Trellis.Tests.Network;

/// <summary><c>trellis network interactions</c> and <c>--source mme:FILE</c> in the other network commands, end to end on the MME fixtures.</summary>
public sealed class InteractionsCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = TrellisCli.Run(["--data", Repo.Data, .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string Mme(string name = "mme_exercises.csv") => "mme:" + Repo.Path_("tests", "Trellis.Tests", "Network", "Fixtures", name);

    [Fact]
    public void Interactions_Text_PrintsCountsByYearAndTotal()
    {
        var (code, output, error) = Run("network", "interactions", "--pairs", "JPN-AUS,JPN-GBR", "--from", "1980", "--to", "1986", "--source", Mme());
        Assert.True(code == TrellisCli.Ok, error);
        var lines = output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToArray();
        Assert.Equal("YEAR JPN-AUS JPN-GBR", lines[0]);
        Assert.Contains("1986 1 1", lines);
        Assert.Contains("total 5 2", lines);
        Assert.Contains(DiagnosticCodes.UnmappedName, error, StringComparison.Ordinal); // the fixture's unmapped names, on standard error
    }

    [Fact]
    public void Interactions_Json_HasTheDocumentedFields()
    {
        var (code, output, error) = Run("network", "interactions", "--pairs", "JPN-AUS", "--source", Mme("mme_long.csv"), "--window", "3", "--format", "json");
        Assert.True(code == TrellisCli.Ok, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["source", "form", "encoding", "from", "to", "window", "firstYear", "lastYear", "years", "pairs"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1980, 1986, 3, "long"), (root.GetProperty("from").GetInt32(), root.GetProperty("to").GetInt32(), root.GetProperty("window").GetInt32(), root.GetProperty("form").GetString()));
        var pair = root.GetProperty("pairs")[0];
        Assert.Equal(["pair", "a", "b", "counts", "total", "exercises"], pair.EnumerateObject().Select(p => p.Name));
        Assert.Equal([1, 1, 2, 1, 2, 2, 3], pair.GetProperty("counts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(5, pair.GetProperty("total").GetInt32());
    }

    [Fact]
    public void Interactions_Csv_IsOneRowPerPairAndYear_ThenTheTotal()
    {
        var (code, output, _) = Run("network", "interactions", "--pairs", "JPN-GBR", "--from", "1985", "--to", "1986", "--source", Mme(), "--format", "csv");
        Assert.Equal(TrellisCli.Ok, code);
        Assert.Equal(["pair,year,count", "JPN-GBR,1985,0", "JPN-GBR,1986,1", "JPN-GBR,total,1"], output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Interactions_Plot_WritesSvgAndPng()
    {
        foreach (var ext in new[] { "svg", "png" })
        {
            var file = Path.Combine(Path.GetTempPath(), $"trellis-interactions-{Guid.NewGuid():N}.{ext}");
            var (code, _, error) = Run("network", "interactions", "--pairs", "JPN-AUS,JPN-GBR", "--source", Mme(), "--plot", file);
            Assert.True(code == TrellisCli.Ok, error);
            Assert.True(new FileInfo(file).Length > 1000, $"{file} is missing or tiny");
            if (ext == "svg")
            {
                Assert.Contains("JPN-AUS", File.ReadAllText(file), StringComparison.Ordinal);
            }

            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(DiagnosticCodes.InvalidOption, "--pairs", "JPNAUS")]
    [InlineData(DiagnosticCodes.UnknownState, "--pairs", "JPN-XYZ")]
    [InlineData(DiagnosticCodes.InvalidOption, "--from", "1990", "--to", "1985")]
    [InlineData(DiagnosticCodes.InvalidOption, "--window", "0")]
    [InlineData(DiagnosticCodes.InvalidOption, "--plot", "chart.pdf")]
    public void Interactions_BadOption_IsExitOneWithItsCode(string expected, params string[] args)
    {
        var all = new List<string> { "network", "interactions", "--source", Mme() };
        if (!args.Contains("--pairs"))
        {
            all.AddRange(["--pairs", "JPN-AUS"]);
        }

        var (code, _, error) = Run([.. all, .. args]);
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Interactions_NotAnExerciseSource_IsTrl300()
    {
        var (code, _, error) = Run("network", "interactions", "--pairs", "JPN-AUS", "--source", "registry");
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Contains(DiagnosticCodes.UnknownSource, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Interactions_FileOfNeitherForm_IsExitOneTrl302()
    {
        var (code, _, error) = Run("network", "interactions", "--pairs", "JPN-AUS", "--source", "mme:" + Repo.Path_("tests", "Trellis.Tests", "Network", "Fixtures", "dcad_dyadic.csv"));
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Contains(DiagnosticCodes.UnexpectedColumn, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Interactions_YearsOutsideTheData_Warn()
    {
        var (code, output, error) = Run("network", "interactions", "--pairs", "JPN-AUS", "--from", "1979", "--to", "1980", "--source", Mme(), "--format", "csv");
        Assert.Equal(TrellisCli.Ok, code);
        Assert.Contains(DiagnosticCodes.OutsideCoverage, error, StringComparison.Ordinal);
        Assert.Contains("JPN-AUS,1979,0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_OnTheExerciseLayer_WeighPairsByJointExercises()
    {
        var (code, output, error) = Run("network", "metrics", "--source", Mme(), "--as-of", "1986-06-30", "--window", "3", "--layers", "exercise", "--format", "json");
        Assert.True(code == TrellisCli.Ok, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(["exercise"], doc.RootElement.GetProperty("layers").EnumerateArray().Select(e => e.GetString()));
        var jpn = doc.RootElement.GetProperty("states").EnumerateArray().Single(s => s.GetProperty("state").GetString() == "JPN");
        Assert.Equal(5, jpn.GetProperty("strength").GetDouble());
    }

    [Fact]
    public void TimelineAndExport_TakeTheExerciseSource()
    {
        var (code, output, error) = Run("network", "timeline", "--from", "1980", "--to", "1986", "--metric", "strength", "--states", "JPN", "--source", Mme(), "--format", "csv");
        Assert.True(code == TrellisCli.Ok, error);
        Assert.Contains("1986,JPN,3", output, StringComparison.Ordinal); // AUS, GBR and USA in fixture 10

        (code, output, error) = Run("network", "export", "--format", "csv", "--all-dates", "--source", Mme("mme_long.csv"));
        Assert.True(code == TrellisCli.Ok, error);
        Assert.Contains("AUS,JPN,mme:mme9,exercise,exercise,false,,1985,1986,1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_WithTheRegistry_IsAnError()
    {
        var (code, _, error) = Run("network", "metrics", "--window", "5");
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Contains(DiagnosticCodes.InvalidOption, error, StringComparison.Ordinal);
    }
}
