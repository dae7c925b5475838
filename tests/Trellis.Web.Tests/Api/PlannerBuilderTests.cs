using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Trellis.Registry;
using Trellis.Rules;
using Trellis.Web.Components.Pages;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// The planner's row builder (<c>/planner</c>, form <c>build</c>): every field of an element kind
/// is offered, posted back and written into the plan YAML that is then assessed.
/// </summary>
public sealed partial class PlannerBuilderTests
{
    private static readonly Lazy<AgreementRegistry> Registry = new(() => RegistryLoader.Load(TestEnvironment.Data).GetValueOrThrow());

    /// <summary>The plan YAML the builder writes from a post of <paramref name="rows"/> (fields <c>row{i}.*</c>) under a fixed head.</summary>
    private static string Built(params (string Name, StringValues Value)[] rows)
    {
        var form = new Dictionary<string, StringValues>
        {
            ["sendingState"] = "GBR", ["hostState"] = "JPN", ["purpose"] = "exercise", ["cooperativeActivity"] = "true",
            ["start"] = "2027-03-01", ["end"] = "2027-03-14",
            ["rows"] = (rows.Max(f => int.Parse(f.Name[3..f.Name.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in rows)
        {
            form[name] = value;
        }

        return Planner.BuildModel.From(new FormCollection(form)).ToYaml();
    }

    private static ActivityPlan Read(string yaml)
    {
        var plan = PlanLoader.Parse(yaml, "built.yaml", Registry.Value);
        Assert.True(!plan.HasErrors, string.Join(Environment.NewLine, plan.Diagnostics) + Environment.NewLine + yaml);
        return plan.Value!;
    }

    [Fact]
    public void Build_AircraftRowWithEntriesAndArmed_AssessesWithThoseFacts()
    {
        // servicesRequested unticked: it posts nothing.
        var yaml = Built(("row0.id", "typhoons"), ("row0.kind", "aircraft"), ("row0.shown", "aircraft"), ("row0.count", "2"),
            ("row0.stateAircraft", "true"), ("row0.armed", "true"), ("row0.entries", "3"));
        var element = Assert.Single(Read(yaml).Elements);

        Assert.Equal(ElementKind.Aircraft, element.Kind);
        Assert.Equal(2, element.Count);
        Assert.Equal(3, element.Entries);
        Assert.True(element.Is(ElementFlags.Armed));
        Assert.True(element.Is(ElementFlags.StateAircraft));
        Assert.False(element.Is(ElementFlags.ServicesRequested));
        var assessment = new Assessor(Registry.Value, RuleBook.Load(Registry.Value).GetValueOrThrow()).Assess(Read(yaml));
        Assert.Contains(assessment.Requirements, r => r.Per == "flight" && r.Count == 6 && r.Elements.Contains("typhoons"));
    }

    [Fact]
    public void Build_KindChanged_KeepsSharedFieldsAndGivesTheNewKindsDefaults()
    {
        var yaml = Built(("row0.id", "ships"), ("row0.kind", "vessel"), ("row0.shown", "personnel"), ("row0.count", "2"),
            ("row0.category", "member"), ("row0.documents", "passport"));
        var element = Assert.Single(Read(yaml).Elements);

        Assert.DoesNotContain("category", yaml, StringComparison.Ordinal);
        Assert.Equal(2, element.Count);
        Assert.True(element.Is(ElementFlags.Warship));
        Assert.False(element.Is(ElementFlags.NuclearPowered));
        Assert.Equal(1, element.PortCalls);
    }

    [Fact]
    public void Build_EveryKindsFieldsHaveAnInputAndANewRowOfEachKindReads()
    {
        foreach (var kind in RulesVocabulary.ElementKinds.Where(k => k != "animal"))
        {
            var model = new Planner.BuildModel { Start = "2027-03-01", End = "2027-03-02" };
            model.Rows.Add(new Planner.BuildRow("group", kind));
            Assert.Equal(kind, RulesVocabulary.Name(RulesVocabulary.ElementKinds, Assert.Single(Read(model.ToYaml()).Elements).Kind));
            Assert.All(model.Rows[0].Fields, f => Assert.NotEqual(f, Planner.Label(f)));
        }
    }

    [Fact]
    public void Build_PersonnelDocumentsAndMedicineChoices_AreWritten()
    {
        var yaml = Built(("row0.id", "team"), ("row0.kind", "personnel"), ("row0.shown", "personnel"), ("row0.count", "8"),
            ("row0.category", "contractor"), ("row0.documents", new StringValues(["passport", "movement-order"])),
            ("row1.id", "morphine"), ("row1.kind", "medicine"), ("row1.shown", "medicine"), ("row1.use", "personal"),
            ("row1.substance", "morphine \"10 mg\""), ("row1.quantity", "40"));

        var elements = Read(yaml).Elements;

        Assert.Equal("contractor", elements[0].Category);
        Assert.Equal(TravelDocuments.Passport | TravelDocuments.MovementOrder, elements[0].Documents);
        Assert.Equal("personal", elements[1].Use);
        Assert.False(elements[1].Is(ElementFlags.Controlled)); // unticked
        Assert.Equal(40, elements[1].Amount);
    }

    [Fact]
    public async Task PlannerPage_ShowsTheFieldsOfTheChosenKind_AndBuildsAndAssesses()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();
        var token = Token().Match(await client.GetStringAsync("/planner")).Groups[1].Value;

        // The row was a personnel row; its kind is now aircraft and the user asks for the fields.
        var refresh = await Post(client, token, "refresh", ("row0.shown", "personnel"), ("row0.count", "2"), ("row0.category", "member"));
        Assert.Contains("id=\"row0-entries\"", refresh, StringComparison.Ordinal);
        Assert.Matches("<label for=\"row0-entries\">[^<]+</label>", refresh);
        Assert.Contains("name=\"row0.armed\"", refresh, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"row0.category\"", refresh, StringComparison.Ordinal);

        var built = await Post(client, token, "build",
            ("row0.shown", "aircraft"), ("row0.count", "2"), ("row0.stateAircraft", "true"), ("row0.armed", "true"), ("row0.entries", "3"));
        Assert.Contains("entries: 3", built, StringComparison.Ordinal);
        Assert.Contains("armed: true", built, StringComparison.Ordinal);
        Assert.Contains("id=\"result-h\"", built, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_MarkdownAndIcs_AreTheCoreWriters()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = await PlanApiTests.PlannerClient(app);
        using var created = await client.PostAsync("/api/plans", PlanApiTests.Yaml(PlanApiTests.Plan));
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        using var md = await client.GetAsync($"/api/plans/{id}/export?format=md");
        Assert.Equal(HttpStatusCode.OK, md.StatusCode);
        Assert.Equal("text/markdown", md.Content.Headers.ContentType?.MediaType);
        Assert.Contains("## Requirements by authority", await md.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var ics = await client.GetAsync($"/api/plans/{id}/export?format=ics");
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await ics.Content.ReadAsStringAsync())!;
        Assert.Contains(calendar.Events, e => e.Uid == "activity-gbr-jpn-20270301@trellis");
    }

    private static async Task<string> Post(HttpClient client, string token, string action, params (string Name, string Value)[] row)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("_handler", "build"), new("action", action),
            new("sendingState", "GBR"), new("hostState", "JPN"), new("purpose", "exercise"), new("cooperativeActivity", "true"),
            new("start", "2027-03-01"), new("end", "2027-03-14"), new("rows", "1"), new("row0.id", "typhoons"), new("row0.kind", "aircraft"),
        };
        fields.AddRange(row.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var form = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync("/planner", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
