using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Tests.Registry;

/// <summary>
/// <c>visitingForces</c>: the parties whose forces an agreement admits into the other parties' territory
/// (docs/data-format.md). Absent means every party's forces.
/// </summary>
public class VisitingForcesTests
{
    private static readonly Lazy<AgreementRegistry> Bundled = new(() => RegistryLoader.Load(Repo.Data).GetValueOrThrow());

    private static LoadResult<AgreementRegistry> Load(TempData data) => RegistryLoader.Load(data.Root);

    private static TempData Sofa(string visitingForces) =>
        new TempData().Agreement("jpn-usa-sofa", parties: "[JPN, USA]", type: "sofa", signed: "1960-01-19", inForce: "1960-06-23",
            extra: visitingForces);

    [Fact]
    public void Load_VisitingForcesGiven_OnlyThoseForcesAreAdmitted()
    {
        using var data = Sofa("visitingForces: [USA]");

        var result = Load(data);

        Assert.Empty(result.Diagnostics);
        var sofa = Assert.Single(result.Value!.Agreements);
        Assert.Equal(["USA"], sofa.VisitingForces);
        Assert.True(sofa.AdmitsForcesOf("USA"));
        Assert.False(sofa.AdmitsForcesOf("JPN"));
        Assert.False(sofa.AdmitsForcesOf("GBR")); // not a party
    }

    [Fact]
    public void Load_VisitingForcesAbsent_EveryPartysForcesAreAdmitted()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa");

        var raa = Assert.Single(Load(data).Value!.Agreements);

        Assert.Null(raa.VisitingForces);
        Assert.True(raa.AdmitsForcesOf("GBR"));
        Assert.True(raa.AdmitsForcesOf("JPN"));
        Assert.False(raa.AdmitsForcesOf("AUS"));
    }

    [Fact]
    public void Load_VisitingForceThatIsNotAParty_ReportsBadVisitingForcesAtItsLine()
    {
        using var data = Sofa("visitingForces:\n  - USA\n  - GBR");

        var result = Load(data);

        Assert.Null(result.Value);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.BadVisitingForces, d.Code);
        Assert.EndsWith(Path.Combine("jpn-usa-sofa", "agreement.yaml"), d.File);
        Assert.Equal(14, d.Line);
        Assert.Matches(@"agreement\.yaml:14: error TRL018: 'GBR' in 'visitingForces' is not a party", d.ToString());
    }

    [Fact]
    public void Load_VisitingForceThatIsNotAState_ReportsUnknownState()
    {
        using var data = Sofa("visitingForces: [USX]");
        var d = Assert.Single(Load(data).Diagnostics);
        Assert.Equal(DiagnosticCodes.UnknownState, d.Code);
        Assert.Contains("'USA'", d.Message);
    }

    [Theory]
    [InlineData("visitingForces: []")]
    [InlineData("visitingForces:")]
    [InlineData("visitingForces: [USA, USA]")]
    public void Load_EmptyOrRepeatedVisitingForces_ReportsBadVisitingForces(string line)
    {
        using var data = Sofa(line);
        var d = Assert.Single(Load(data).Diagnostics);
        Assert.Equal(DiagnosticCodes.BadVisitingForces, d.Code);
        Assert.Equal(12, d.Line);
    }

    [Fact]
    public void Load_FacilityUserWhoseForcesTheAgreementDoesNotAdmit_ReportsBadVisitingForces()
    {
        using var data = Sofa("visitingForces: [USA]").Write("facilities/facilities.yaml", """
            facilities:
              - id: naval-base-guam
                name: Naval Base Guam
                host: USA
                lat: 13.44
                lon: 144.65
                kind: naval
                users:
                  - { state: JPN, agreement: jpn-usa-sofa }
                sources: [{ url: "https://example.org/a" }]
                confidence: medium
            """);

        var d = Assert.Single(Load(data).Diagnostics);

        Assert.Equal(DiagnosticCodes.BadVisitingForces, d.Code);
        Assert.EndsWith(Path.Combine("facilities", "facilities.yaml"), d.File);
        Assert.Equal(9, d.Line);
    }

    [Fact]
    public void Agreement_VisitingForceNotAParty_Throws()
    {
        var sofa = new Agreement("jpn-usa-sofa", "t", "s", AgreementType.Sofa, ["JPN", "USA"], null, PartialDate.Parse("1960-01-19"),
            PartialDate.Parse("1960-06-23"), null, [new Source("https://example.org/a", null)], Confidence.Medium);

        Assert.Throws<ArgumentException>(() => sofa with { VisitingForces = ["GBR"] });
        Assert.Throws<ArgumentException>(() => sofa with { VisitingForces = [] });
        Assert.Throws<ArgumentException>(() => sofa with { VisitingForces = ["USA", "USA"] });
        Assert.Equal(["USA"], (sofa with { VisitingForces = ["USA"] }).VisitingForces);
    }

    [Theory]
    [InlineData("jpn-usa-sofa", "USA")]
    [InlineData("kor-usa-sofa", "USA")]
    [InlineData("aus-usa-sofa", "USA")]
    [InlineData("aus-usa-access", "USA")]
    [InlineData("phl-usa-vfa", "USA")]
    [InlineData("phl-usa-access", "USA")]
    [InlineData("sgp-usa-access", "USA")]
    [InlineData("gbr-jpn-raa", "GBR,JPN")]
    [InlineData("aus-jpn-raa", "AUS,JPN")]
    [InlineData("jpn-phl-raa", "JPN,PHL")]
    [InlineData("aus-phl-vfa", "AUS,PHL")]
    public void Bundled_AccessAgreement_RecordsWhoseForcesItAdmits(string id, string forces)
    {
        Assert.Equal(forces.Split(','), Bundled.Value.FindAgreement(id)!.VisitingForces);
    }

    [Fact]
    public void Bundled_EveryAccessLayerAgreement_SaysInItsNotesWhatItsVisitingForcesRestOn()
    {
        var access = Bundled.Value.Agreements.Where(a => a.Type.LayerOf() == Layer.Access).ToArray();

        Assert.True(access.Length >= 17);
        Assert.All(access, a => Assert.True(a.Notes?.Contains("Visiting forces", StringComparison.Ordinal) == true,
            $"{a.Id}: the notes should say what 'visitingForces' rests on, or that no source settles it"));
    }

    [Theory]
    [InlineData("jpn-usa-sofa", "[\"USA\"]", "forces of USA only, into Japan")]
    [InlineData("gbr-jpn-raa", "[\"GBR\",\"JPN\"]", "(reciprocal)")]
    [InlineData("gbr-phl-vfa", "[\"GBR\",\"PHL\"]", "not recorded")]
    [InlineData("jpn-usa-mutual-defence", "null", null)]
    public void AgreementCommand_ShowsWhoseForcesItAdmits(string id, string json, string? text)
    {
        var view = System.Text.Json.JsonDocument.Parse(Cli.CliRunner.Run("agreement", id, "--format", "json").Out).RootElement;
        var output = Cli.CliRunner.Run("agreement", id).Out;

        Assert.Equal(json, view.GetProperty("visitingForces").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
        if (text is null)
        {
            Assert.DoesNotContain("Admits", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(text, output.Split('\n').Single(l => l.TrimStart().StartsWith("Admits", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Territory_UnSofa_AdmitsUnForcesIntoJapanOnly_AndTiesThePartiesToJapanNotToEachOther()
    {
        var unSofa = Bundled.Value.FindAgreement("un-sofa-japan")!;

        Assert.Equal(["JPN"], unSofa.Territory);
        Assert.True(unSofa.AdmitsForcesInto("GBR", "JPN"));
        Assert.False(unSofa.AdmitsForcesInto("GBR", "USA")); // before the field it "admitted" UK forces into the United States
        Assert.False(unSofa.AdmitsForcesInto("JPN", "GBR"));
        var ties = Trellis.Network.RegistrySource.TiesOf(unSofa).ToArray();
        Assert.Equal(11, ties.Length); // a star around Japan, not the 66 pairs of twelve parties
        Assert.All(ties, t => Assert.Contains("JPN", new[] { t.A, t.B }));
    }

    [Fact]
    public void Load_TerritoryThatIsNotAParty_ReportsItAtItsLine()
    {
        using var data = Sofa("territory:\n  - JPN\n  - GBR");

        var d = Assert.Single(Load(data).Diagnostics);

        Assert.Equal(DiagnosticCodes.BadVisitingForces, d.Code);
        Assert.Equal(14, d.Line);
        Assert.Contains("'GBR' in 'territory' is not a party", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_TakesTheIdAsTyped_AndTheHintSuggestsTheNearest()
    {
        var registry = Bundled.Value;

        Assert.Equal("gbr-jpn-raa", registry.Lookup("  GBR-JPN-RAA ")?.Id);
        Assert.Null(registry.Lookup("gbr-jpn-raaa"));
        Assert.Equal(" Did you mean 'gbr-jpn-raa'?", registry.AgreementHint("gbr-jpn-raaa"));
        Assert.Equal(" List them with: trellis agreements", registry.AgreementHint("zzzzzzzzzzzzzzzz", " List them with: trellis agreements"));
    }
}
