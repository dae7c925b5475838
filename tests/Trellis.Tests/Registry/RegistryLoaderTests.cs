using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Tests.Registry;

public class RegistryLoaderTests
{
    private static LoadResult<AgreementRegistry> Load(TempData data) => RegistryLoader.Load(data.Root);

    private static Diagnostic Single(LoadResult<AgreementRegistry> result, string code)
    {
        var matching = result.Diagnostics.Where(d => d.Code == code).ToArray();
        Assert.True(matching.Length == 1, $"expected one {code}, got: {string.Join(Environment.NewLine, result.Diagnostics)}");
        return matching[0];
    }

    [Fact]
    public void Load_ValidFolder_GivesSnapshotWithoutDiagnostics()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa");
        var result = Load(data);
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Value);
        Assert.Equal(5, result.Value!.States.Count);
        Assert.Equal("gbr-jpn-raa", Assert.Single(result.Value.Agreements).Id);
    }

    [Fact]
    public void Load_UnknownStateDuplicateIdAndImpossibleDate_GivesExactlyThreeDiagnosticsWithFileAndLine()
    {
        using var data = new TempData()
            .Agreement("gbr-jpn-raa")
            .Agreement("aus-jpn-raa", parties: "[AUS, JPN]", signed: "2023-02-30")
            .Agreement("fra-jpn-raa", parties: "[FRA, JPN]");
        data.Write("agreements/gbr-jpn-raa-copy/agreement.yaml",
            File.ReadAllText(Path.Combine(data.Root, "agreements/gbr-jpn-raa/agreement.yaml")));

        var result = Load(data);

        Assert.True(result.HasErrors);
        Assert.Null(result.Value);
        Assert.True(result.Diagnostics.Count == 3, string.Join(Environment.NewLine, result.Diagnostics));
        var state = Single(result, DiagnosticCodes.UnknownState);
        var duplicate = Single(result, DiagnosticCodes.DuplicateId);
        var date = Single(result, DiagnosticCodes.InvalidDate);
        Assert.EndsWith(Path.Combine("fra-jpn-raa", "agreement.yaml"), state.File);
        Assert.Equal(5, state.Line);
        Assert.EndsWith(Path.Combine("gbr-jpn-raa-copy", "agreement.yaml"), duplicate.File);
        Assert.Equal(1, duplicate.Line);
        Assert.Equal(6, date.Line);
        Assert.All(result.Diagnostics, d => Assert.Matches(@":\d+: error TRL\d{3}: ", d.ToString()));
    }

    [Fact]
    public void Load_MalformedYaml_ReportsSyntaxErrorWithLine()
    {
        using var data = new TempData().Write("agreements/gbr-jpn-raa/agreement.yaml", "id: gbr-jpn-raa\ntitle: [unclosed\nshort: x\n");
        var result = Load(data);
        var d = Single(result, DiagnosticCodes.YamlSyntax);
        Assert.True(d.Line >= 2, d.ToString());
        Assert.Contains("malformed YAML", d.Message);
    }

    [Fact]
    public void Load_RepeatedField_ReportsDuplicateField()
    {
        using var data = new TempData().Write("agreements/gbr-jpn-raa/agreement.yaml", "id: gbr-jpn-raa\nid: gbr-jpn-raa\n");
        Assert.Contains(Load(data).Diagnostics, d => d.Code is DiagnosticCodes.DuplicateField or DiagnosticCodes.YamlSyntax);
    }

    [Fact]
    public void Load_TypoInFieldName_ReportsUnknownFieldAndSuggestsTheRightOne()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa", extra: "inforce: \"2023-10-15\"");
        var d = Single(Load(data), DiagnosticCodes.UnknownField);
        Assert.Contains("'inForce'", d.Message);
        Assert.Equal(12, d.Line);
    }

    [Fact]
    public void Load_MissingTitle_ReportsMissingField()
    {
        using var data = new TempData().AgreementWithout("gbr-jpn-raa", "title");
        Assert.Contains("'title'", Single(Load(data), DiagnosticCodes.MissingField).Message);
    }

    [Fact]
    public void Load_ListWhereTextExpected_ReportsInvalidValue()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa", extra: "notes: [a, b]");
        Single(Load(data), DiagnosticCodes.InvalidValue);
    }

    [Fact]
    public void Load_NoStatesFile_ReportsMissingFile()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa");
        File.Delete(Path.Combine(data.Root, "states/states.yaml"));
        Assert.Contains(Load(data).Diagnostics, d => d.Code == DiagnosticCodes.MissingFile);
    }

    [Fact]
    public void Load_AgreementFolderWithoutFile_ReportsMissingFile()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa");
        Directory.CreateDirectory(Path.Combine(data.Root, "agreements", "empty"));
        Single(Load(data), DiagnosticCodes.MissingFile);
    }

    [Fact]
    public void Load_LowerCaseStateCode_SuggestsUpperCase()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa", parties: "[gbr, JPN]");
        Assert.Contains("'GBR'", Single(Load(data), DiagnosticCodes.UnknownState).Message);
    }

    [Fact]
    public void Load_IdDiffersFromFolder_ReportsMismatch()
    {
        using var data = new TempData().Write("agreements/uk-japan/agreement.yaml",
            File.ReadAllText(WriteAndRead("gbr-jpn-raa")));
        Single(Load(data), DiagnosticCodes.IdFolderMismatch);
    }

    [Theory]
    [InlineData("jpn-gbr-raa", "[GBR, JPN]", "raa")]
    [InlineData("gbr-jpn-sofa", "[GBR, JPN]", "raa")]
    [InlineData("UK_Japan", "[GBR, JPN]", "raa")]
    [InlineData("gbr-jpn-raa-2022", "[GBR, JPN]", "raa")]
    public void Load_IdAgainstConvention_ReportsIdConvention(string id, string parties, string type)
    {
        using var data = new TempData().Agreement(id, parties: parties, type: type);
        Assert.Contains(Load(data).Diagnostics, d => d.Code == DiagnosticCodes.IdConvention);
    }

    [Fact]
    public void Load_TwoOfOneTypeWithYearSuffixes_IsAccepted()
    {
        using var data = new TempData()
            .Agreement("aus-jpn-logistics-2010", "[AUS, JPN]", "logistics", "2010-05-19", "2013-01-31", "ended: \"2017-09-06\"")
            .Agreement("aus-jpn-logistics-2017", "[AUS, JPN]", "logistics", "2017-01-14", "2017-09-06");
        Assert.Empty(Load(data).Diagnostics);
    }

    [Fact]
    public void Load_YearSuffixOnTheOnlyAgreementOfItsType_ReportsIdConvention()
    {
        using var data = new TempData().Agreement("aus-jpn-logistics-2017", "[AUS, JPN]", "logistics", "2017-01-14", "2017-09-06");
        Single(Load(data), DiagnosticCodes.IdConvention);
    }

    [Fact]
    public void Load_MultilateralPlainName_IsAccepted()
    {
        using var data = new TempData().Agreement("anzus", "[AUS, USA, GBR]", "mutual-defence", "1951-09-01", "1952-04-29");
        Assert.Empty(Load(data).Diagnostics);
    }

    [Fact]
    public void Load_TypeOutsideVocabulary_ReportsUnknownTypeWithSuggestion()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa", type: "reciprocal");
        var d = Single(Load(data), DiagnosticCodes.UnknownType);
        Assert.Contains("mutual-defence", d.Message);
    }

    [Fact]
    public void Load_OnePartyOrRepeatedParty_ReportsBadParties()
    {
        using var one = new TempData().Agreement("gbr-jpn-raa", parties: "[GBR]");
        Assert.Contains(Load(one).Diagnostics, d => d.Code == DiagnosticCodes.BadParties);
        using var twice = new TempData().Agreement("gbr-jpn-raa", parties: "[GBR, JPN, GBR]");
        Assert.Contains(Load(twice).Diagnostics, d => d.Code == DiagnosticCodes.BadParties);
    }

    [Fact]
    public void Load_InForceBeforeSignature_Reported()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa", signed: "2023-01-11", inForce: "2022-12-31");
        Single(Load(data), DiagnosticCodes.InForceBeforeSignature);
    }

    [Fact]
    public void Load_YearOnlyEntryIntoForceInSignatureYear_IsNotReported()
    {
        using var data = new TempData().Agreement("gbr-jpn-logistics", type: "logistics", signed: "2017-01-26", inForce: "2017");
        Assert.Empty(Load(data).Diagnostics);
    }

    [Fact]
    public void Load_EndedBeforeInForce_Reported()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa", extra: "ended: \"2023-10-01\"");
        Single(Load(data), DiagnosticCodes.EndedBeforeInForce);
    }

    [Fact]
    public void Load_NoSignatureNorNegotiations_ReportsNoDates()
    {
        using var data = new TempData().AgreementWithout("gbr-jpn-raa", "signed");
        Single(Load(data), DiagnosticCodes.NoDates);
    }

    [Fact]
    public void Load_MissingSources_ReportsMissingSource()
    {
        using var data = new TempData().AgreementWithout("gbr-jpn-raa", "sources");
        Single(Load(data), DiagnosticCodes.MissingSource);
    }

    [Fact]
    public void Load_SourceNotAUrl_ReportsInvalidUrl()
    {
        using var data = new TempData().Write("agreements/gbr-jpn-raa/agreement.yaml", """
            id: gbr-jpn-raa
            title: t
            short: s
            type: raa
            parties: [GBR, JPN]
            signed: "2023-01-11"
            sources: [{ url: "general knowledge" }]
            confidence: high
            """);
        Single(Load(data), DiagnosticCodes.InvalidUrl);
    }

    [Fact]
    public void Load_MissingConfidence_ReportsMissingConfidence()
    {
        using var data = new TempData().AgreementWithout("gbr-jpn-raa", "confidence");
        Single(Load(data), DiagnosticCodes.MissingConfidence);
    }

    [Fact]
    public void Load_ConfidenceOutsideVocabulary_ReportsUnknownVocabulary()
    {
        using var data = new TempData().Write("agreements/gbr-jpn-raa/agreement.yaml", """
            id: gbr-jpn-raa
            title: t
            short: s
            type: raa
            parties: [GBR, JPN]
            signed: "2023-01-11"
            sources: [{ url: "https://example.org/a" }]
            confidence: certain
            """);
        Single(Load(data), DiagnosticCodes.UnknownVocabulary);
    }

    [Fact]
    public void Load_FacilityProblems_ReportedEach()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa").Write("facilities/facilities.yaml", """
            facilities:
              - id: yokosuka
                name: Yokosuka
                host: JPN
                lat: 135.29
                lon: 139.67
                kind: naval
                users:
                  - { state: GBR, agreement: gbr-jpn-rra }
                  - { state: AUS, agreement: gbr-jpn-raa }
                sources: [{ url: "https://example.org/a" }]
                confidence: medium
              - id: yokosuka
                name: Again
                host: XXX
                lat: 1
                lon: 1
                kind: submarine
                sources: [{ url: "https://example.org/a" }]
                confidence: medium
            """);
        var codes = Load(data).Diagnostics.Select(d => d.Code).Order().ToArray();
        Assert.Equal(new[]
        {
            DiagnosticCodes.UnknownState, DiagnosticCodes.DuplicateId, DiagnosticCodes.UnknownAgreement,
            DiagnosticCodes.UnknownAgreement, DiagnosticCodes.UnknownVocabulary, DiagnosticCodes.InvalidCoordinate,
        }.Order(), codes);
    }

    [Fact]
    public void Load_ExerciseEditionEndingBeforeStart_ReportsEndBeforeStart()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa").Write("exercises/exercises.yaml", """
            exercises:
              - id: vigilant-isles
                name: Vigilant Isles
                hosts: [JPN]
                participants: [JPN, GBR]
                frequency: annual
                editions:
                  - { year: 2023, start: "2023-11-26", end: "2023-11-15" }
                sources: [{ url: "https://example.org/a" }]
                confidence: medium
            """);
        Single(Load(data), DiagnosticCodes.EndBeforeStart);
    }

    [Fact]
    public void Load_StateTableWithBadEntries_ReportsEach()
    {
        using var data = new TempData().Write("states/states.yaml", """
            sources: [{ url: "https://www.iso.org/" }]
            states:
              - { iso3: JPN, name: Japan, cow: 740, region: east-asia, unMember: true }
              - { iso3: JPN, name: Japan, cow: 740, region: east-asia, unMember: true }
              - { iso3: Jp, name: Japan, cow: 740, region: east-asia, unMember: true }
              - { iso3: GBR, name: UK, cow: 200, region: westeros, unMember: true }
            """);
        var codes = Load(data).Diagnostics.Select(d => d.Code).ToArray();
        Assert.Contains(DiagnosticCodes.DuplicateId, codes);
        Assert.Contains(DiagnosticCodes.InvalidValue, codes);
        Assert.Contains(DiagnosticCodes.UnknownVocabulary, codes);
    }

    [Fact]
    public void LoadHypothetical_DraftFolder_IsMarkedHypotheticalAndNeedNotMatchFolderName()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa");
        var registry = Load(data).GetValueOrThrow();
        using var draft = new TempData().Agreement("aus-jpn-raa", "[AUS, JPN]", signed: "2026-01-01", inForce: "2026-02-01");
        var folder = Path.Combine(draft.Root, "agreements", "aus-jpn-raa");
        var renamed = Path.Combine(draft.Root, "draft");
        Directory.Move(folder, renamed);
        var result = RegistryLoader.LoadHypothetical(renamed, registry);
        Assert.Empty(result.Diagnostics);
        Assert.True(result.Value!.Hypothetical);
    }

    private static string WriteAndRead(string id)
    {
        var temp = new TempData().Agreement(id);
        return Path.Combine(temp.Root, "agreements", id, "agreement.yaml");
    }

    [Fact]
    public void Load_TwoStatesWithOneName_GivesTrl011AtTheSecondNamingTheFirst()
    {
        // The web map keys states by name: a repeated name crashed its lookup.
        using var data = new TempData().Agreement("gbr-jpn-raa");
        var states = Path.Combine(data.Root, "states", "states.yaml");
        File.AppendAllText(states, "\n  - { iso3: GBX, name: United Kingdom, cow: 201, cowAbbrev: UKX, region: europe, unMember: false }\n");

        var result = Load(data);

        var d = Single(result, DiagnosticCodes.DuplicateId);
        Assert.Equal(9, d.Line); // the appended line; GBR's is line 4
        Assert.Contains("GBR's (line 4)", d.Message, StringComparison.Ordinal);
    }
}
