using Trellis.Diagnostics;
using Trellis.Ledger.Terms;
using Trellis.Registry;

namespace Trellis.Tests.Ledger;

/// <summary>The agreements' logistics terms as data (issue 12 §1): the loader's diagnostics, and the bundled terms as a ledger asks them.</summary>
public class LogisticsTermsTests
{
    private static readonly Lazy<(AgreementRegistry Registry, LogisticsTermsBook Book)> Bundled = new(() =>
    {
        var registry = RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        return (registry, LogisticsTermsBook.Load(registry).GetValueOrThrow());
    });

    private static LogisticsTermsBook Book => Bundled.Value.Book;

    private static DateOnly Day(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    // ---- the loader ------------------------------------------------------------------------------

    /// <summary>A valid terms file: line 1 'agreement', line 2 'categories:', then one line per category (food on line 3), then the sections.</summary>
    private static string ValidTerms(string id = "gbr-jpn-logistics", Func<string, string?>? categoryLine = null)
    {
        var lines = new List<string> { $"agreement: {id}", "categories:" };
        foreach (var c in LogisticsVocabulary.Categories)
        {
            var line = categoryLine?.Invoke(c);
            if (line is not null)
            {
                lines.AddRange(line.Split('\n'));
            }
            else if (c == "weapons")
            {
                lines.Add("  - { category: weapons, covered: false, citation: { instrument: T, article: Art. 1, url: \"https://example.org/t\" }, confidence: high }");
            }
            else
            {
                lines.Add($"  - {{ category: {c}, unknown: true, note: not read }}");
            }
        }

        lines.AddRange([
            "situations:",
            "  complete: true",
            "  covered:",
            "    - { situation: training, citation: { instrument: T, article: Art. 1, url: \"https://example.org/t\" }, confidence: high }",
            "settlement:",
            "  methods:",
            "    - { method: cash, lines: any, timeLimit: { months: 12, after: delivery }, citation: { instrument: T, article: Art. 2, url: \"https://example.org/t\" }, confidence: high }",
            "thirdPartyTransfer: { unknown: true, note: not read }",
        ]);
        return string.Join('\n', lines) + "\n";
    }

    private static LoadResult<LogisticsTermsBook> LoadTemp(TempData data) =>
        LogisticsTermsBook.Load(RegistryLoader.Load(data.Root).GetValueOrThrow());

    private static Diagnostic Single(LoadResult<LogisticsTermsBook> result, string code)
    {
        var matching = result.Diagnostics.Where(d => d.Code == code).ToArray();
        Assert.True(matching.Length == 1, $"expected one {code}, got: {string.Join(Environment.NewLine, result.Diagnostics)}");
        Assert.EndsWith("logistics.yaml", matching[0].File);
        return matching[0];
    }

    [Fact]
    public void Load_ValidFile_GivesTermsWithoutDiagnostics()
    {
        using var data = new TempData().Agreement("gbr-jpn-logistics", type: "logistics").Write("agreements/gbr-jpn-logistics/logistics.yaml", ValidTerms());
        var result = LoadTemp(data);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(CoverageStatus.Excluded, result.Value!.Coverage("gbr-jpn-logistics", "weapons", Day("2024-01-01")).Status);
    }

    [Fact]
    public void Load_UnknownCategory_IsTRL502AtItsLine()
    {
        using var data = new TempData().Agreement("gbr-jpn-logistics", type: "logistics")
            .Write("agreements/gbr-jpn-logistics/logistics.yaml", ValidTerms(categoryLine: c => c == "food" ? "  - { category: fod, unknown: true, note: x }" : null));
        var d = Single(LoadTemp(data), DiagnosticCodes.UnknownLogisticsTerm);
        Assert.Equal(3, d.Line);
        Assert.Contains("Did you mean 'food'", d.Message);
    }

    [Fact]
    public void Load_FileBesideAnAgreementThatIsNotLogistics_IsTRL500()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa").Write("agreements/gbr-jpn-raa/logistics.yaml", ValidTerms("gbr-jpn-raa"));
        var d = Single(LoadTemp(data), DiagnosticCodes.TermsNotLogistics);
        Assert.Equal(1, d.Line);
    }

    [Fact]
    public void Load_AgreementFieldNotTheFolder_IsTRL501AtLine1()
    {
        using var data = new TempData().Agreement("gbr-jpn-logistics", type: "logistics")
            .Write("agreements/gbr-jpn-logistics/logistics.yaml", ValidTerms("aus-jpn-logistics"));
        Assert.Equal(1, Single(LoadTemp(data), DiagnosticCodes.TermsFolderMismatch).Line);
    }

    [Fact]
    public void Load_ImpossibleDate_IsTRL020AtItsLine()
    {
        using var data = new TempData().Agreement("gbr-jpn-logistics", type: "logistics").Write("agreements/gbr-jpn-logistics/logistics.yaml",
            ValidTerms(categoryLine: c => c == "food" ? "  - category: food\n    unknown: true\n    validFrom: \"2017-02-30\"\n    note: x" : null));
        Assert.Equal(5, Single(LoadTemp(data), DiagnosticCodes.InvalidDate).Line);
    }

    [Fact]
    public void Load_ValidUntilNotAfterValidFrom_IsTRL024AtItsLine()
    {
        using var data = new TempData().Agreement("gbr-jpn-logistics", type: "logistics").Write("agreements/gbr-jpn-logistics/logistics.yaml",
            ValidTerms(categoryLine: c => c == "food" ? "  - category: food\n    unknown: true\n    validFrom: \"2017-04-25\"\n    validUntil: \"2004-07-29\"\n    note: x" : null));
        Assert.Equal(6, Single(LoadTemp(data), DiagnosticCodes.EndBeforeStart).Line);
    }

    [Fact]
    public void Load_CategoryNotAddressed_IsTRL503AtCategories()
    {
        using var data = new TempData().Agreement("gbr-jpn-logistics", type: "logistics")
            .Write("agreements/gbr-jpn-logistics/logistics.yaml", ValidTerms(categoryLine: c => c == "water" ? "" : null).Replace("\n\n", "\n"));
        var d = Single(LoadTemp(data), DiagnosticCodes.CategoryNotAddressed);
        Assert.Equal(2, d.Line);
        Assert.Contains("water", d.Message);
    }

    [Fact]
    public void Load_OverlappingEntriesThatDisagree_IsTRL504AtTheLaterLine()
    {
        const string cite = "citation: { instrument: T, article: A, url: \"https://example.org/t\" }, confidence: high";
        using var data = new TempData().Agreement("gbr-jpn-logistics", type: "logistics").Write("agreements/gbr-jpn-logistics/logistics.yaml",
            ValidTerms(categoryLine: c => c == "food"
                ? $"  - {{ category: food, covered: true, validUntil: \"2020-01-01\", {cite} }}\n  - {{ category: food, covered: false, validFrom: \"2019-01-01\", {cite} }}"
                : null));
        var d = Single(LoadTemp(data), DiagnosticCodes.ConflictingTerms);
        Assert.Equal(4, d.Line);
        Assert.Contains("line 3", d.Message);
    }

    [Fact]
    public void Load_CoveredAndUnknownTogether_IsTRL505()
    {
        using var data = new TempData().Agreement("gbr-jpn-logistics", type: "logistics").Write("agreements/gbr-jpn-logistics/logistics.yaml",
            ValidTerms(categoryLine: c => c == "food" ? "  - { category: food, covered: true, unknown: true, note: x }" : null));
        Assert.Equal(3, Single(LoadTemp(data), DiagnosticCodes.AmbiguousTerm).Line);
    }

    // ---- the bundled terms -----------------------------------------------------------------------

    [Fact]
    public void Bundled_LoadsWithoutDiagnosticsAndHasTermsForTheSourcedAgreements()
    {
        var result = LogisticsTermsBook.Load(Bundled.Value.Registry);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["aus-jpn-logistics-2010", "aus-jpn-logistics-2017", "aus-phl-logistics", "can-jpn-logistics", "deu-jpn-logistics", "fra-jpn-logistics",
             "gbr-jpn-logistics", "ind-jpn-logistics", "ind-usa-logistics", "ita-jpn-logistics", "jpn-nzl-logistics", "jpn-phl-logistics", "jpn-usa-logistics"],
            result.Value!.Terms.Select(t => t.AgreementId));
        Assert.All(result.Value.Terms, t => Assert.Equal(AgreementType.Logistics, Bundled.Value.Registry.FindAgreement(t.AgreementId)!.Type));
    }

    [Fact]
    public void JapanUsAmmunition_ExcludedIn2000_ArmedAttackOnlyIn2010_WiderIn2018()
    {
        var in2000 = Book.Coverage("jpn-usa-logistics", "ammunition", Day("2000-01-01"));
        var in2010 = Book.Coverage("jpn-usa-logistics", "ammunition", Day("2010-01-01"));
        var in2018 = Book.Coverage("jpn-usa-logistics", "ammunition", Day("2018-01-01"));

        Assert.Equal(CoverageStatus.Excluded, in2000.Status);
        Assert.NotNull(Assert.Single(in2000.Entries).Citation);
        Assert.Equal(Confidence.High, in2000.Entries[0].Confidence);

        Assert.Equal(CoverageStatus.CoveredOnlyIn, in2010.Status);
        Assert.Equal(["armed-attack"], in2010.OnlyIn);
        Assert.True(in2010.CoversIn("armed-attack"));
        Assert.False(in2010.CoversIn("training"));

        Assert.Equal(CoverageStatus.Covered, in2018.Status);
        Assert.Contains("press4_004539", in2018.Entries[0].Citation!.Url);
    }

    [Theory]
    [InlineData("2004-07-28", CoverageStatus.Excluded)]
    [InlineData("2004-07-29", CoverageStatus.CoveredOnlyIn)]
    [InlineData("2017-04-24", CoverageStatus.CoveredOnlyIn)]
    [InlineData("2017-04-25", CoverageStatus.Covered)]
    public void JapanUsAmmunition_ChangesOnTheAmendmentDays(string day, CoverageStatus expected) =>
        Assert.Equal(expected, Book.Coverage("jpn-usa-logistics", "ammunition", Day(day)).Status);

    [Fact]
    public void Weapons_AreNeverSuppliedByTheSdf_UnderAnyLogisticsAgreementOnAnyDay()
    {
        var japanese = Bundled.Value.Registry.Agreements.Where(a => a.Type == AgreementType.Logistics && a.Parties.Contains("JPN")).ToArray();
        Assert.True(japanese.Length >= 10);
        var days = Enumerable.Range(1996, 31).Select(y => new DateOnly(y, 7, 1))
            .Concat([Day("2004-07-29"), Day("2017-04-25"), Day("2017-09-06"), Day("2026-01-01")]);
        foreach (var agreement in japanese)
        {
            foreach (var day in days)
            {
                var coverage = Book.Coverage(agreement.Id, "weapons", day, supplier: "JPN");
                Assert.True(coverage.Status == CoverageStatus.Excluded, $"{agreement.Id} on {day}: {coverage.Status} ({coverage.Reason})");
                Assert.All(coverage.Entries, e => Assert.NotNull(e.Citation));
            }
        }
    }

    [Fact]
    public void Weapons_AreExcludedByTheJapanUsAgreementItself_NotOnlyByJapaneseLaw()
    {
        var coverage = Book.Coverage("jpn-usa-logistics", "weapons", Day("2020-01-01"));
        Assert.Equal(CoverageStatus.Excluded, coverage.Status);
        Assert.Contains("hakusho", coverage.Entries[0].Citation!.Url);
    }

    [Fact]
    public void JapanIndiaAmmunition_SourcesConflict_IsReportedUnknown()
    {
        var coverage = Book.Coverage("ind-jpn-logistics", "ammunition", Day("2024-01-01"));
        Assert.Equal(CoverageStatus.Unknown, coverage.Status);
        Assert.Contains("conflict", coverage.Reason);
        Assert.False(coverage.CoversIn("training"));
    }

    [Fact]
    public void Coverage_NoTermsFile_IsUnknown_AndAnUnknownCategoryThrows()
    {
        Assert.Equal(CoverageStatus.Unknown, Book.Coverage("phl-usa-logistics", "food", Day("2024-01-01")).Status);
        Assert.Throws<ArgumentException>(() => Book.Coverage("gbr-jpn-logistics", "fuel", Day("2024-01-01")));
    }

    [Fact]
    public void JapanUkSettlement_AllowsReplacementInKindForGoods_Within12MonthsOfDelivery()
    {
        var options = Book.Settlement("gbr-jpn-logistics", Day("2024-03-01"), "goods");
        Assert.False(options.Unknown);
        Assert.Equal(["return-same-goods", "replacement-in-kind", "cash"], options.Methods.Select(m => m.Method));
        var rik = options.Methods.Single(m => m.Method == "replacement-in-kind");
        Assert.Equal(12, rik.TimeLimit.Months);
        Assert.Equal(Day("2025-03-01"), rik.TimeLimit.DueDate(Day("2024-03-01")));
        Assert.Contains("jbaudit", rik.Citation.Url);
        Assert.DoesNotContain(Book.Settlement("gbr-jpn-logistics", Day("2024-03-01"), "services").Methods, m => m.Method == "replacement-in-kind");
    }

    [Fact]
    public void Settlement_WhereNoSourceGivesIt_IsUnknown()
    {
        Assert.True(Book.Settlement("jpn-usa-logistics", Day("2010-01-01")).Unknown); // the 1996 text's article was not read
        Assert.False(Book.Settlement("jpn-usa-logistics", Day("2018-01-01")).Unknown);
        Assert.True(Book.Settlement("deu-jpn-logistics", Day("2025-01-01")).Unknown);
        var lemoa = Book.Settlement("ind-usa-logistics", Day("2020-01-01"));
        Assert.False(lemoa.Unknown);
        Assert.All(lemoa.Methods, m => Assert.True(m.TimeLimit.IsUnknown));
    }

    [Fact]
    public void Situations_CompleteListIsDecisive_PartialListLeavesUnknown()
    {
        Assert.Equal(SituationStatus.Covered, Book.Situation("gbr-jpn-logistics", "training", Day("2024-01-01")).Status);
        Assert.Equal(SituationStatus.NotCovered, Book.Situation("gbr-jpn-logistics", "armed-attack", Day("2024-01-01")).Status);
        Assert.Equal(SituationStatus.Unknown, Book.Situation("deu-jpn-logistics", "large-scale-disaster", Day("2025-01-01")).Status);
        Assert.Equal(SituationStatus.Unknown, Book.Situation("jpn-usa-logistics", "survival-threatening", Day("2010-01-01")).Status);
        Assert.Equal(SituationStatus.Covered, Book.Situation("jpn-usa-logistics", "survival-threatening", Day("2018-01-01")).Status);
        Assert.Equal(SituationStatus.Unknown, Book.Situation("jpn-usa-logistics", "areas-surrounding-japan", Day("1999-09-15")).Status); // the day in Sept 1999 is not known
        Assert.Equal(SituationStatus.Covered, Book.Situation("jpn-usa-logistics", "areas-surrounding-japan", Day("1999-10-01")).Status);
    }

    [Fact]
    public void ThirdPartyTransfer_JapanUs_KnowsTheUsRuleButNotTheClause()
    {
        var transfer = Book.ThirdPartyTransfer("jpn-usa-logistics", Day("2020-01-01"));
        Assert.True(transfer.ClauseUnknown);
        Assert.Contains("§2342(d)", Assert.Single(transfer.Restrictions).Citation.Article);
    }

    [Theory]
    [InlineData(null, "2004-07-29", "2004-07-28", Applicability.Yes)]
    [InlineData(null, "2004-07-29", "2004-07-29", Applicability.No)]
    [InlineData("1999-09", null, "1999-08-31", Applicability.No)]
    [InlineData("1999-09", null, "1999-09-01", Applicability.Uncertain)]
    [InlineData("1999-09", null, "1999-09-30", Applicability.Uncertain)]
    [InlineData("1999-09", null, "1999-10-01", Applicability.Yes)]
    [InlineData(null, "2017", "2016-12-31", Applicability.Yes)]
    [InlineData(null, "2017", "2017-06-01", Applicability.Uncertain)]
    [InlineData(null, "2017", "2018-01-01", Applicability.No)]
    public void Validity_FromIsInclusive_UntilIsExclusive_PartialBoundsAreUncertain(string? from, string? until, string day, Applicability expected)
    {
        var validity = new Validity(from is null ? null : PartialDate.Parse(from), until is null ? null : PartialDate.Parse(until));
        Assert.Equal(expected, validity.On(Day(day)));
    }
}
