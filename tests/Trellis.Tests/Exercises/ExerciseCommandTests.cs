using System.Text.Json;
using Trellis.Cli;
using Trellis.Tests.Cli;

namespace Trellis.Tests.Exercises;

/// <summary><c>trellis exercise</c>: exit codes and output (docs/cli.md).</summary>
public class ExerciseCommandTests
{
    private static readonly string Sample = Repo.Path_("samples", "events", "rimpac-like-2028.yaml");

    [Fact]
    public void Assess_RegistryEdition_Json_ListsEverySendingState()
    {
        var r = CliRunner.Run("exercise", "assess", "rimpac", "--edition", "2024", "--today", "2024-03-01", "--format", "json");
        Assert.True(r.ExitCode == TrellisCli.Ok, r.Err);
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("USA", root.GetProperty("event").GetProperty("heldIn").GetString());
        var participants = root.GetProperty("participants").EnumerateArray().ToArray();
        Assert.Equal(16, participants.Length);
        var jpn = participants.Single(p => p.GetProperty("sending").GetString() == "JPN");
        Assert.True(jpn.GetProperty("noAgreement").GetBoolean());
        Assert.Equal(JsonValueKind.Null, jpn.GetProperty("longestLeadDays").ValueKind);
        Assert.Equal("2024-03-01", root.GetProperty("madeOn").GetString());
    }

    [Fact]
    public void Assess_EventFile_Text_ShowsTheTableAndTheHost()
    {
        var r = CliRunner.Run("exercise", "assess", Sample, "--today", "2028-01-10");
        Assert.True(r.ExitCode == TrellisCli.Ok, r.Err);
        Assert.Contains("SENDING", r.Out, StringComparison.Ordinal);
        Assert.Contains("No agreement applies to JPN, IND, KOR", r.Out, StringComparison.Ordinal);
        Assert.Contains("Not assessed: USA", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_Csv_HasAHeaderAndARowPerSendingState()
    {
        var r = CliRunner.Run("exercise", "assess", Sample, "--format", "csv", "--today", "2028-01-10");
        Assert.Equal(TrellisCli.Ok, r.ExitCode);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sending,host,plan,", lines[0], StringComparison.Ordinal);
        Assert.Equal(7, lines.Length - 1);
    }

    [Fact]
    public void Assess_PlanOption_ReplacesTheTemplate()
    {
        var plan = Repo.Path_("samples", "plans", "jpn-rimpac-like-exercise-in-hawaii.yaml");
        var r = CliRunner.Run("exercise", "assess", "rimpac", "--edition", "2024", "--plan", $"JPN={plan}", "--format", "json");
        Assert.True(r.ExitCode == TrellisCli.Ok, r.Err);
        Assert.Contains("TRL217", r.Err, StringComparison.Ordinal); // the 2028 plan is outside RIMPAC 2024: a warning
        var jpn = JsonDocument.Parse(r.Out).RootElement.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("sending").GetString() == "JPN");
        Assert.Equal("file", jpn.GetProperty("plan").GetString());
    }

    [Theory]
    [InlineData("TRL213", "exercise", "assess", "rimpac", "--edition", "2024", "--plan", "USA=x.yaml")]
    [InlineData("TRL010", "exercise", "assess", "rimpac", "--edition", "2024", "--plan", "XXX=x.yaml")]
    [InlineData("TRL900", "exercise", "assess", "rimpac", "--edition", "2024", "--plan", "JPN")]
    [InlineData("TRL900", "exercise", "assess", "rimpac")]
    [InlineData("TRL901", "exercise", "assess", "rimpak", "--edition", "2024")]
    [InlineData("TRL215", "exercise", "assess", "talisman-sabre", "--edition", "2023")]
    [InlineData("TRL005", "exercise", "assess", "no/such/event.yaml")]
    [InlineData("TRL900", "exercise", "calendar", "--from", "2025-13-01")]
    public void BadInput_ExitsOne_WithTheCode(string code, params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(TrellisCli.InvalidInput, r.ExitCode);
        Assert.Contains(code, r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_HostWithoutBaseline_ExitsTwo()
    {
        var r = CliRunner.Run("exercise", "assess", "malabar", "--edition", "2025");
        Assert.Equal(TrellisCli.NotAssessable, r.ExitCode);
        Assert.Contains("TRL209", r.Err, StringComparison.Ordinal);
        Assert.Contains("TRL218", r.Err, StringComparison.Ordinal);
        Assert.Contains("NOTHING ASSESSED", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_Text_AndIcs()
    {
        var text = CliRunner.Run("exercise", "calendar", "--from", "2024-01-01", "--to", "2024-12-31");
        Assert.Equal(TrellisCli.Ok, text.ExitCode);
        Assert.Contains("RIMPAC 2024", text.Out, StringComparison.Ordinal);
        var ics = CliRunner.Run("exercise", "calendar", "--format", "ics");
        Assert.Equal(TrellisCli.Ok, ics.ExitCode);
        Assert.StartsWith("BEGIN:VCALENDAR", ics.Out, StringComparison.Ordinal);
    }
}
