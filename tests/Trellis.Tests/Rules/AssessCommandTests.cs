using System.Text.Json;
using Trellis.Cli;

namespace Trellis.Tests.Rules;

public class AssessCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = TrellisCli.Run([.. args, "--data", Fixtures.DataDirectory], o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string Plan => Fixtures.PlanFile("gbr-exercise.yaml");

    [Fact]
    public void Assess_CompareJson_HasDocumentedShape()
    {
        var (code, output, error) = Run("assess", Plan, "--compare", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var requirements = root.GetProperty("requirements").EnumerateArray().ToArray();
        Assert.NotEmpty(requirements);
        foreach (var r in requirements)
        {
            foreach (var field in new[] { "rule", "kind", "title", "authority", "count", "deadline", "confidence", "leadTime", "elements" })
            {
                Assert.True(r.TryGetProperty(field, out _), $"requirement lacks '{field}'");
            }

            Assert.StartsWith("http", r.GetProperty("basis").GetProperty("url").GetString());
        }

        Assert.Contains(root.GetProperty("displaced").EnumerateArray(), d => d.GetProperty("displacedBy").GetString()!.StartsWith("gbr-jpn-raa.", StringComparison.Ordinal));
        Assert.True(root.GetProperty("baseline").GetProperty("filings").GetInt64() > root.GetProperty("summary").GetProperty("filings").GetInt64());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("unknowns").ValueKind);
        foreach (var field in new[] { "filings", "authorities", "longestLeadDays", "latestSafeSubmission", "unknowns", "fees" })
        {
            Assert.True(root.GetProperty("summary").TryGetProperty(field, out _), $"summary lacks '{field}'");
        }

        Assert.Equal("jpn.weapons.possession", root.GetProperty("delta").GetProperty("prohibitedWithout")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public void Assess_AsOfBeforeEntryIntoForce_GivesSameRequirementsAsWithout()
    {
        var asOf = JsonDocument.Parse(Run("assess", Plan, "--as-of", "2022-11-04", "--format", "json").Out).RootElement.GetProperty("requirements").GetRawText();
        var without = JsonDocument.Parse(Run("assess", Plan, "--without", "gbr-jpn-raa", "--format", "json").Out).RootElement.GetProperty("requirements").GetRawText();
        Assert.Equal(without, asOf);
    }

    [Fact]
    public void Assess_Text_GroupsByAuthorityAndShowsSummary()
    {
        var (code, output, _) = Run("assess", Plan, "--compare");
        Assert.Equal(0, code);
        Assert.Contains("Immigration Services Agency\n  2027-01-30  permit ×9 (person): Visa for each person entering Japan", output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("Summary: 32 filing(s) to 4 authorities", output);
        Assert.Contains("Prohibited without the agreement: No possession of firearms", output);
        Assert.Contains("Planning assumptions (not law)", output);
    }

    [Fact]
    public void Assess_Explain_AppendsTheTrace()
    {
        var (code, output, _) = Run("assess", Plan, "--explain", "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Contains("## Requirements by authority", output);
        Assert.Contains("- [ ] **2027-01-30** permit ×9 (person): Visa for each person entering Japan", output);
        Assert.Contains("[gbr-jpn-raa] gbr-jpn-raa.entry.visa-exemption", output);
    }

    [Fact]
    public void Assess_Ics_IsAValidCalendarWithOneEventPerRequirement()
    {
        var (code, output, error) = Run("assess", Plan, "--format", "ics");
        Assert.True(code == 0, error);
        Assert.StartsWith("BEGIN:VCALENDAR", output);
        var calendar = Ical.Net.Calendar.Load(output);
        Assert.NotNull(calendar);
        Assert.Equal(6, calendar!.Events.Count); // the activity + three known deadlines + two filings whose lead time is unknown, on the arrival day
        Assert.Contains(calendar.Events, e => e.Summary!.Contains("Visa for each person", StringComparison.Ordinal) && e.Start!.Date == new DateOnly(2027, 1, 30));
    }

    [Fact]
    public void Assess_Today_MarksOverdueFilingsAndSetsMadeOn()
    {
        var (code, output, error) = Run("assess", Plan, "--today", "2027-02-01", "--format", "json");
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2027-02-01", root.GetProperty("madeOn").GetString());
        Assert.True(root.GetProperty("summary").GetProperty("overdue").GetInt32() > 0);

        var text = Run("assess", Plan, "--today", "2027-02-01").Out;
        Assert.Matches(@"\n\d+ filings? (is|are) already past (its|their) deadline", text.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_BadToday_ExitsOne()
    {
        var (code, _, error) = Run("assess", Plan, "--today", "2027-02-30");
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Contains("--today", error);
    }

    [Fact]
    public void Assess_HostWithoutBaseline_ExitsTwoSayingNothingCanBeAssessed()
    {
        using var data = new RulesData().Write("fra.yaml", "sendingState: GBR\nhostState: FRA\npurpose: exercise\nstart: 2027-03-01\nend: 2027-03-02\nelements:\n  - { id: team, kind: personnel, count: 5, category: member }\n");
        var (code, output, error) = Run("assess", Path.Combine(data.Root, "fra.yaml"));
        Assert.Equal(TrellisCli.NotAssessable, code);
        Assert.Empty(output);
        Assert.Contains("error TRL209: Trellis has no baseline for France: nothing can be assessed", error);
        Assert.Contains("No agreement between the United Kingdom and France is in force on 2027-03-01", error);
        Assert.DoesNotContain("Applied: .", error);
    }

    [Fact]
    public void Assess_CountsOverflow_ExitsOneWithTrl208NotInternalError()
    {
        // Issue 13: 100,000 vessel groups of count 10,000,000 with portCalls 10,000,000 printed a negative number of filings and exited 0.
        var yaml = new System.Text.StringBuilder("sendingState: GBR\nhostState: JPN\npurpose: exercise\ncooperativeActivity: true\nstart: 2027-03-01\nend: 2027-03-02\nelements:\n");
        for (var i = 0; i < 100_000; i++)
        {
            yaml.Append("  - { id: ships-").Append(i).Append(", kind: vessel, count: 10000000, portCalls: 10000000, warship: true }\n");
        }

        using var data = new RulesData().Write("fleet.yaml", yaml.ToString());
        var (code, output, error) = Run("assess", Path.Combine(data.Root, "fleet.yaml"));
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Empty(output);
        Assert.Contains("error TRL208", error);
        Assert.Contains("at element 'ships-", error);
    }

    [Fact]
    public void Assess_WithoutUnknownAgreement_ExitsOneWithDiagnosticAndNoStackTrace()
    {
        var (code, output, error) = Run("assess", Plan, "--without", "gbr-jpn-raaa");
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Empty(output);
        Assert.Contains("--without: error TRL015", error);
        Assert.Contains("Did you mean 'gbr-jpn-raa'?", error);
        Assert.DoesNotContain(" at ", error);
    }

    [Fact]
    public void Assess_BadPlan_ExitsOneWithFileAndLine()
    {
        using var data = new RulesData().Write("bad.yaml", "sendingState: GBR\nhostState: JPN\npurpose: exercise\nstart: 2027-03-10\nend: 2027-03-01\nelements:\n  - { id: a, kind: tank, count: -1 }\n");
        var (code, _, error) = Run("assess", Path.Combine(data.Root, "bad.yaml"));
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Contains("bad.yaml:5: error TRL024", error);
        Assert.Contains("bad.yaml:7: error TRL201", error);
    }

    [Fact]
    public void Assess_MissingPlan_ExitsOne()
    {
        var (code, _, error) = Run("assess", "no-such-plan.yaml");
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Contains("TRL005", error);
    }

    [Fact]
    public void Assess_FolderInsteadOfPlan_SaysItIsAFolder()
    {
        var (code, _, error) = Run("assess", Path.GetTempPath());
        Assert.Equal(TrellisCli.InvalidInput, code);
        Assert.Contains("this is a folder, not a plan", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_WithHypotheticalFolder_AppliesIt()
    {
        using var data = new RulesData().Write("fra.yaml", """
            sendingState: FRA
            hostState: JPN
            purpose: exercise
            cooperativeActivity: true
            start: 2027-03-01
            end: 2027-03-05
            elements:
              - { id: team, kind: personnel, count: 8, category: member }
            """);
        var (code, output, error) = Run("assess", Path.Combine(data.Root, "fra.yaml"), "--with", Path.Combine(Fixtures.Root, "hypothetical", "fra-jpn-raa"), "--compare", "--format", "json");
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Contains(root.GetProperty("instruments").EnumerateArray(), i => i.GetProperty("id").GetString() == "fra-jpn-raa" && i.GetProperty("hypothetical").GetBoolean());
        Assert.Equal(-8, root.GetProperty("delta").GetProperty("filings").GetInt64());
    }

    [Fact]
    public void Assess_ParametersOverride_IsShownAsAssumption()
    {
        using var data = new RulesData().Write("org.yaml", """
            parameters:
              - { name: raa.clearance-lead-time, label: Our practice, leadTime: { workingDays: 10 }, basis: J5 guide }
            """);
        var (code, output, error) = Run("assess", Plan, "--parameters", Path.Combine(data.Root, "org.yaml"));
        Assert.True(code == 0, error);
        Assert.Contains("raa.clearance-lead-time = 10 working days: Our practice", output);
    }

    [Fact]
    public void Assess_ParametersOverrideGivenTwice_ExitsOneWithTrl111NamingBothLines()
    {
        // The second silently won before.
        using var data = new RulesData().Write("org.yaml", """
            parameters:
              - { name: raa.clearance-lead-time, label: Ours, leadTime: { workingDays: 10 }, basis: J5 guide }
              - { name: raa.clearance-lead-time, label: Theirs, leadTime: { workingDays: 12 }, basis: J5 guide }
            """);
        var (code, _, error) = Run("assess", Plan, "--parameters", Path.Combine(data.Root, "org.yaml"));
        Assert.True(code == 1, error);
        Assert.Matches(@"org\.yaml:3: error TRL111: .*org\.yaml:2\b", error);
    }

    [Fact]
    public void Assess_SameHypotheticalAgreementTwice_ExitsOneWithTrl011()
    {
        // Crashed with exit 70 building the registry's lookup of agreements by id.
        var folder = Path.Combine(Fixtures.Root, "hypothetical", "fra-jpn-raa");
        var (code, _, error) = Run("assess", Plan, "--with", folder, "--with", folder);
        Assert.True(code == 1, error);
        Assert.Contains("error TRL011:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("friction", "0001-01-01")] // exit 70 before: the template's deadlines fell before 0001-01-01
    [InlineData("friction", "9999-12-31")] // exit 70 before: the template's end fell after 9999-12-31
    [InlineData("assess", "1899-12-31")]
    public void AsOfOutsideTheSupportedRange_ExitsOneWithTrl025NamingTheOption(string command, string day)
    {
        string[] args = command == "assess" ? ["assess", Plan, "--as-of", day] : ["friction", "--as-of", day];

        var (code, _, error) = Run(args);

        Assert.True(code == 1, error);
        Assert.StartsWith("--as-of: error TRL025:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_PlanStartingBeforeTheSupportedRange_ExitsOneWithTrl025AtTheLine()
    {
        using var data = new RulesData().Write("old.yaml", """
            sendingState: GBR
            hostState: JPN
            purpose: exercise
            start: 0001-06-01
            end: 0001-06-10
            elements:
              - { id: team, kind: personnel, count: 8, category: member }
            """);

        var (code, _, error) = Run("assess", Path.Combine(data.Root, "old.yaml"));

        Assert.True(code == 1, error);
        Assert.Contains("old.yaml:4: error TRL025:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_PlanLargerThanMaxPlanMib_ExitsOneWithTrl009SayingHowToRaiseTheLimit()
    {
        // Issue 10 §4: refused before it is read, naming the file and the limit.
        var groups = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"  - {{ id: g{i}, kind: personnel, count: 1, category: member }}\n"));
        using var data = new RulesData().Write("big.yaml", "sendingState: GBR\nhostState: JPN\npurpose: exercise\nstart: 2027-10-04\nend: 2027-10-22\nelements:\n" + groups);

        var (code, _, error) = Run("assess", Path.Combine(data.Root, "big.yaml"), "--max-plan-mib", "1");

        Assert.True(code == 1, error);
        Assert.Contains("big.yaml: error TRL009: the file is larger than the limit of 1 MiB", error, StringComparison.Ordinal);
        Assert.Contains("--max-plan-mib", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_MaxPlanMibBelowOne_ExitsOneWithTrl900()
    {
        var (code, _, error) = Run("assess", Plan, "--max-plan-mib", "0");

        Assert.True(code == 1, error);
        Assert.Contains("--max-plan-mib: error TRL900", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("days: 30", "days: 2000000000")]
    [InlineData("days: 30", "days: 3651")]
    public void Validate_LeadTimeOverTheLimit_ExitsOneWithTrl004(string from, string to)
    {
        // A lead time of two billion days put every deadline before 0001-01-01: exit 70 on any plan.
        using var data = new RulesData();
        var rules = Path.Combine(data.Root, "baselines", "JPN", "rules.yaml");
        File.WriteAllText(rules, File.ReadAllText(rules).Replace(from, to, StringComparison.Ordinal));

        var error = new StringWriter();
        var code = TrellisCli.Run(["validate", "--data", data.Root], new StringWriter(), error);

        Assert.True(code == 1, error.ToString());
        Assert.Matches(@"rules\.yaml:\d+: error TRL004: ", error.ToString());
    }

    [Fact]
    public void Friction_AllFormats_CoverEveryOrderedPairWithABaseline()
    {
        var (code, table, error) = Run("friction", "--as-of", "2027-03-01");
        Assert.True(code == 0, error);
        Assert.Contains("2 ordered pair(s)", table);

        var csv = Run("friction", "--as-of", "2027-03-01", "--format", "csv").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sending,host,filings,authorities,longestLeadDays,unknowns,prohibitions,baselineFilings,agreements", csv[0].TrimEnd());
        Assert.Equal(3, csv.Length);

        var json = JsonDocument.Parse(Run("friction", "--as-of", "2027-03-01", "--format", "json").Out).RootElement;
        var pairs = json.GetProperty("pairs").EnumerateArray().ToArray();
        Assert.Equal(["GBR-JPN", "JPN-GBR"], pairs.Select(p => p.GetProperty("sending").GetString() + "-" + p.GetProperty("host").GetString()));
        var gbrJpn = pairs[0];
        Assert.True(gbrJpn.GetProperty("filings").GetInt64() < gbrJpn.GetProperty("baselineFilings").GetInt64());
    }
}
