using System.Text.Json;
using Trellis.Diagnostics;

namespace Trellis.Tests.Cli;

public class RegistryCommandsTests
{
    private static JsonElement Json(CliRunner.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Err);
        return JsonDocument.Parse(result.Out).RootElement;
    }

    private static Dictionary<string, JsonElement> ById(JsonElement root) =>
        root.GetProperty("agreements").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);

    [Fact]
    public void Validate_BundledData_ExitsZeroWithOneLineSummary()
    {
        var result = CliRunner.Run("validate");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Matches(@"^ok: \d+ states, \d+ agreements, \d+ facilities, \d+ exercises, \d+ rules in \d+ layers", result.Out);
        Assert.Single(result.Out.Trim().Split('\n'));
    }

    [Fact]
    public void Validate_BrokenFolder_ExitsOneWithEveryDiagnosticAndNoStackTrace()
    {
        using var data = new TempData()
            .Agreement("gbr-jpn-raa")
            .Agreement("aus-jpn-raa", parties: "[AUS, JPN]", signed: "2023-02-30")
            .Agreement("fra-jpn-raa", parties: "[FRA, JPN]");
        data.Write("agreements/copy/agreement.yaml", File.ReadAllText(Path.Combine(data.Root, "agreements/gbr-jpn-raa/agreement.yaml")));

        var result = CliRunner.Run("validate", "--data", data.Root);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Err.Trim().Split('\n');
        Assert.Equal(4, lines.Length); // three diagnostics and the count
        Assert.Contains(lines, l => l.Contains(DiagnosticCodes.UnknownState) && l.Contains("agreement.yaml:5:"));
        Assert.Contains(lines, l => l.Contains(DiagnosticCodes.DuplicateId) && l.Contains("agreement.yaml:1:"));
        Assert.Contains(lines, l => l.Contains(DiagnosticCodes.InvalidDate) && l.Contains("agreement.yaml:6:"));
        Assert.DoesNotContain("   at ", result.Err);
        Assert.DoesNotContain("Exception", result.Err);
    }

    [Fact]
    public void Validate_RuleDisplacingAMissingRule_ExitsOneNamingTheRuleFile()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa");
        data.Write("baselines/JPN/rules.yaml", """
            instrument: baseline-jpn
            url: https://www.mofa.go.jp/
            rules:
              - id: jpn.entry.visa
                title: Visa
                citation: { article: Immigration Act }
                confidence: medium
                require: { kind: permit, authority: MOFA, leadTime: { unknown: true }, per: person }
                when: { kind: personnel }
            """);
        data.Write("agreements/gbr-jpn-raa/rules.yaml", """
            instrument: gbr-jpn-raa
            hosts: [GBR, JPN]
            url: https://www.mofa.go.jp/
            rules:
              - id: gbr-jpn-raa.entry.visa-exemption
                title: No visa
                citation: { article: Art. ? }
                confidence: medium
                when: { kind: personnel }
                waive: [jpn.entry.viza]
            """);

        var result = CliRunner.Run("validate", "--data", data.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Path.Combine("gbr-jpn-raa", "rules.yaml") + ":", result.Err);
        Assert.Contains("jpn.entry.viza", result.Err);
    }

    [Fact]
    public void Validate_MissingDataFolder_ExitsOneWithMessage()
    {
        var result = CliRunner.Run("validate", "--data", "/nonexistent/trellis-data");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(DiagnosticCodes.MissingFile, result.Err);
    }

    [Fact]
    public void Agreements_GbrJpnBeforeRaa_LogisticsInForceRaaNot()
    {
        var byId = ById(Json(CliRunner.Run("agreements", "--between", "GBR", "JPN", "--as-of", "2022-11-04", "--format", "json")));
        Assert.Equal("in-force", byId["gbr-jpn-logistics"].GetProperty("status").GetString());
        Assert.Equal("2017-01-26", byId["gbr-jpn-logistics"].GetProperty("signed").GetString());
        Assert.NotEqual("in-force", byId["gbr-jpn-raa"].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("2023-10-14", "signed")]
    [InlineData("2023-10-15", "in-force")]
    public void Agreements_GbrJpnRaaAroundEntryIntoForce_HasExpectedStatus(string day, string status)
    {
        var byId = ById(Json(CliRunner.Run("agreements", "--between", "GBR", "JPN", "--as-of", day, "--format", "json")));
        Assert.Equal(status, byId["gbr-jpn-raa"].GetProperty("status").GetString());
    }

    [Fact]
    public void Agreements_JapanRaas_ListsAustraliaUkPhilippinesInForceAndFranceNegotiating()
    {
        var root = Json(CliRunner.Run("agreements", "--state", "JPN", "--type", "raa", "--as-of", "2026-11-28", "--format", "json"));
        var byId = ById(root);
        Assert.Equal(["aus-jpn-raa", "fra-jpn-raa", "gbr-jpn-raa", "jpn-phl-raa"], byId.Keys.Order());
        Assert.Equal("2023-08-13", byId["aus-jpn-raa"].GetProperty("inForce").GetString());
        Assert.Equal("2025-09-11", byId["jpn-phl-raa"].GetProperty("inForce").GetString());
        Assert.Equal("negotiating", byId["fra-jpn-raa"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, byId["fra-jpn-raa"].GetProperty("signed").ValueKind);
    }

    [Fact]
    public void Agreements_Json_HasTheDocumentedFieldsOnEveryAgreement()
    {
        var root = Json(CliRunner.Run("agreements", "--format", "json"));
        Assert.True(root.GetProperty("count").GetInt32() > 70);
        foreach (var a in root.GetProperty("agreements").EnumerateArray())
        {
            foreach (var field in new[] { "id", "title", "type", "parties", "signed", "inForce", "ended", "status", "sources", "confidence" })
            {
                Assert.True(a.TryGetProperty(field, out _), $"{a.GetProperty("id")} lacks {field}");
            }

            Assert.StartsWith("http", a.GetProperty("sources")[0].GetProperty("url").GetString());
        }
    }

    [Fact]
    public void Agreements_Table_FitsIn80Columns()
    {
        var result = CliRunner.Run("agreements");
        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Out.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, line));
    }

    [Fact]
    public void Agreements_Csv_HasHeaderAndOneRowPerAgreement()
    {
        var result = CliRunner.Run("agreements", "--between", "GBR", "JPN", "--format", "csv");
        var lines = result.Out.Trim().Split('\n');
        Assert.StartsWith("id,short,type,parties", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("gbr-jpn-raa,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--state", "XYZ", DiagnosticCodes.UnknownState)]
    [InlineData("--type", "alliance", DiagnosticCodes.InvalidOption)]
    [InlineData("--as-of", "2023-02-30", DiagnosticCodes.InvalidOption)]
    [InlineData("--status", "active", DiagnosticCodes.InvalidOption)]
    public void Agreements_BadOption_ExitsOneNamingTheOption(string option, string value, string code)
    {
        var result = CliRunner.Run("agreements", option, value);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(code, result.Err);
        Assert.Contains(option, result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public void Agreements_StateByName_SuggestsTheCode()
    {
        var result = CliRunner.Run("agreements", "--state", "Japan");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("JPN", result.Err);
    }

    [Fact]
    public void Agreement_Text_ShowsDatesSourcesAndConfidence()
    {
        var result = CliRunner.Run("agreement", "gbr-jpn-raa", "--as-of", "2026-01-01");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2023-10-15", result.Out);
        Assert.Contains("in-force on 2026-01-01", result.Out);
        Assert.Contains("https://www.mofa.go.jp/", result.Out);
        Assert.Contains("Confidence", result.Out);
    }

    [Fact]
    public void Agreement_Json_IsTheDocumentedObject()
    {
        var a = Json(CliRunner.Run("agreement", "aus-jpn-raa", "--format", "json"));
        Assert.Equal("aus-jpn-raa", a.GetProperty("id").GetString());
        Assert.Equal(["AUS", "JPN"], a.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("high", a.GetProperty("confidence").GetString());
    }

    [Fact]
    public void Agreement_UnknownId_SuggestsTheNearestAndExitsOne()
    {
        var result = CliRunner.Run("agreement", "gbr-jpn-rra");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("gbr-jpn-raa", result.Err);
    }

    [Fact]
    public void Agreement_UndatedEntryIntoForce_SaysSoInsteadOfInventingADate()
    {
        var a = Json(CliRunner.Run("agreement", "jpn-usa-logistics", "--format", "json"));
        Assert.Equal("unknown", a.GetProperty("inForce").GetString());
        Assert.Equal("in-force", a.GetProperty("status").GetString());
    }

    [Fact]
    public void UnknownCommand_ExitsNonZeroWithoutStackTrace()
    {
        var result = CliRunner.RunRaw("agreemnts");
        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Err + result.Out);
    }
}
