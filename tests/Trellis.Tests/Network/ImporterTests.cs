using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Network.Import;
using Trellis.Registry;

namespace Trellis.Tests.Network;

/// <summary>The dataset importers on small fixtures built from the documented formats (the real files are not shipped).</summary>
public sealed class ImporterTests
{
    private static readonly State[] States =
    [
        new("USA", "United States", 2, "USA", "north-america", true),
        new("GBR", "United Kingdom", 200, "UKG", "europe", true),
        new("RUS", "Russia", 365, "RUS", "europe", true),
        new("JPN", "Japan", 740, "JPN", "east-asia", true),
        new("PHL", "Philippines", 840, "PHI", "southeast-asia", true),
        new("AUS", "Australia", 900, "AUL", "oceania", true),
        new("NZL", "New Zealand", 920, "NEW", "oceania", true),
    ];

    private static string Fixture(string name) => Repo.Path_("tests", "Trellis.Tests", "Network", "Fixtures", name);

    private static string[] Pairs(INetworkSource source, int year) =>
        source.TiesOn(new DateOnly(year, 6, 30), PartialDatePolicy.Latest).Select(t => $"{t.AgreementId} {t.A}-{t.B}").Order(StringComparer.Ordinal).ToArray();

    private static string Temp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trellis-net-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("3180,,2,19\"51,0,1,0,0,0,0\n", 3)] // a quote in the middle of a field
    [InlineData("3180,,2,\"1951,0,1,0,0,0,0\n", 3)] // a quote opened and never closed
    [InlineData("3180,,2,\"19\"51\",0,1,0,0,0,0\n", 3)] // an undoubled quote inside a quoted field
    public void Atop_StrayQuote_IsTrl303AtItsLine(string row, int line)
    {
        // Regression (issue 10 §8): the hand-written parser took a stray quote mid-field as the start of a quoted run.
        var path = Temp("atopid,cowid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul\n3375,,2,1951,0,1,0,0,0,1\n" + row);

        var result = Importers.Atop(path, States);

        var d = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(DiagnosticCodes.InvalidCell, d.Code);
        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void Atop_QuotedFieldsWithDoubledQuotesAndCommas_AreRead()
    {
        var path = Temp("atopid,cowid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul,note\n" +
            "\"3375\",,2,1951,0,1,0,0,0,1,\"a \"\"b\"\", c\"\n\"3375\",,740,1951,0,1,0,0,0,1,\"line\nbreak\"\n3375,,2,1951,0,1,0,0,0,1,x\n");

        var result = Importers.Atop(path, States);

        Assert.False(result.HasErrors, string.Join("; ", result.Diagnostics));
        Assert.Contains("atop:3375 JPN-USA", Pairs(result.GetValueOrThrow(), 2000));
    }

    [Fact]
    public void Atop_ActiveRowsLinkMembersOfTheSameAlliance()
    {
        var result = Importers.Atop(Fixture("atop_members.csv"), States);
        var source = result.GetValueOrThrow();
        Assert.Equal(
            ["atop:3180 AUS-NZL", "atop:3180 AUS-USA", "atop:3180 NZL-USA", "atop:3375 JPN-USA"],
            Pairs(source, 2000));
        // 1965: GBR's second phase (1961–) and JPN (1955–1970) overlap; the unmapped GDR (265) is its own node.
        Assert.Equal(
            ["atop:3180 AUS-NZL", "atop:3180 AUS-USA", "atop:3180 NZL-USA", "atop:3375 JPN-USA", "atop:4000 GBR-JPN", "atop:5000 COW:265-RUS"],
            Pairs(source, 1965));
        Assert.True(source.TiesOn(new DateOnly(2000, 1, 1), PartialDatePolicy.Latest).Single(t => t.AgreementId == "atop:3180" && t.A == "AUS" && t.B == "USA").Multilateral);
        Assert.Empty(Pairs(source, 1950)); // yrent 1951 for the US treaties; GBR alone in 4000
    }

    [Fact]
    public void Atop_ExitYearCountsAsActive_AndZeroMeansOngoing()
    {
        var source = Importers.Atop(Fixture("atop_members.csv"), States).GetValueOrThrow();
        Assert.Contains("atop:5000 COW:265-RUS", Pairs(source, 1990)); // yrexit = 1990 ≥ 1990
        Assert.DoesNotContain("atop:5000 COW:265-RUS", Pairs(source, 1991));
        Assert.Contains("atop:3375 JPN-USA", Pairs(source, 2030)); // yrexit = 0
    }

    [Fact]
    public void Atop_ObligationFilter_KeepsAPairWhenEitherMemberHasTheFlag()
    {
        // US–Japan is coded asymmetrically (JPN defense = 0): "either" keeps it.
        var defense = Importers.Atop(Fixture("atop_members.csv"), States, ["defense"]).GetValueOrThrow();
        Assert.Contains("atop:3375 JPN-USA", Pairs(defense, 2000));
        // 1960: GBR's first phase has consul only, JPN nonagg only.
        Assert.DoesNotContain("atop:4000 GBR-JPN", Pairs(defense, 1960));
        Assert.Contains("atop:4000 GBR-JPN", Pairs(defense, 1965));
        var nonagg = Importers.Atop(Fixture("atop_members.csv"), States, ["nonagg"]).GetValueOrThrow();
        Assert.Equal(["atop:4000 GBR-JPN"], Pairs(nonagg, 1960));
    }

    [Fact]
    public void Atop_UnmappedCode_IsReportedOnceAndKept()
    {
        var result = Importers.Atop(Fixture("atop_members.csv"), States);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnmappedCode, warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("265", warning.Message, StringComparison.Ordinal);
        Assert.Contains("COW:265", result.GetValueOrThrow().Nodes);
    }

    [Fact]
    public void Atop_DyadYearFile_IsRefusedWithTheRightFileNamed()
    {
        var path = Temp("dyad,mem1,mem2,year,atopally,defense,offense,neutral,nonagg,consul\n2740,2,740,2000,1,1,0,0,0,1\n");
        var result = Importers.Atop(path, States);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnexpectedColumn, error.Code);
        Assert.Contains("dyad-year", error.Message, StringComparison.Ordinal);
        Assert.Contains("atop5_1m.csv", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(Path.GetFileName(path), error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Atop_MissingColumn_IsNamed()
    {
        var path = Temp("atopid,member,yrent,defense,offense,neutral,nonagg,consul\n1,2,1950,1,0,0,0,0\n");
        var error = Assert.Single(Importers.Atop(path, States).Diagnostics);
        Assert.Equal(DiagnosticCodes.MissingColumn, error.Code);
        Assert.Contains("'yrexit'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Atop_BadCell_NamesColumnAndLine()
    {
        var path = Temp("atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul\n1,2,1950,0,1,0,0,0,0\n1,740,nineteen,0,1,0,0,0,0\n");
        var error = Assert.Single(Importers.Atop(path, States).Diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidCell, error.Code);
        Assert.Equal(3, error.Line);
        Assert.Contains("yrent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Atop_UnknownFlag_IsAnError()
    {
        var error = Assert.Single(Importers.Atop(Fixture("atop_members.csv"), States, ["defence"]).Diagnostics);
        Assert.Equal(DiagnosticCodes.UnknownFlag, error.Code);
    }

    [Fact]
    public void CowByMember_LinksByVersion4Id_CensoredRowsStayOpen()
    {
        var result = Importers.Cow(Fixture("cow_by_member.csv"), States);
        var source = result.GetValueOrThrow();
        Assert.Equal(["cow:1 GBR-USA", "cow:2 JPN-USA", "cow:3 COW:260-GBR"], Pairs(source, 1955));
        Assert.Equal(["cow:1 GBR-USA", "cow:3 COW:260-GBR"], Pairs(source, 2020)); // right_censor = 1
        Assert.DoesNotContain("cow:2 JPN-USA", Pairs(source, 1961));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnmappedCode, warning.Code);
        Assert.Contains("German Federal Republic", warning.Message, StringComparison.Ordinal);
        Assert.Equal("German Federal Republic", source.NameOf("COW:260"));
        Assert.Equal(Layer.Alliance, source.TiesOn(new DateOnly(1955, 1, 1), PartialDatePolicy.Latest)[0].Layer);
        Assert.Equal((1949, 2012), (source.FirstYear, source.LastYear)); // right-censored rows end in 2012, when the data do
    }

    [Fact]
    public void CowByMember_EntenteFilter()
    {
        var source = Importers.Cow(Fixture("cow_by_member.csv"), States, ["entente"]).GetValueOrThrow();
        Assert.Equal(["cow:1 GBR-USA", "cow:2 JPN-USA", "cow:3 COW:260-GBR"], Pairs(source, 1955));
        var defense = Importers.Cow(Fixture("cow_by_member.csv"), States, ["defense"]).GetValueOrThrow();
        Assert.Equal(["cow:1 GBR-USA", "cow:3 COW:260-GBR"], Pairs(defense, 1955));
    }

    [Fact]
    public void CowDirectedYearly_RowsOfBothDirectionsMakeOneTie()
    {
        var source = Importers.Cow(Fixture("cow_by_directed_yearly.csv"), States).GetValueOrThrow();
        Assert.Equal(["cow:1 GBR-USA", "cow:2 JPN-USA"], Pairs(source, 2000));
        Assert.Equal(["cow:1 GBR-USA"], Pairs(source, 2001));
        Assert.Empty(Pairs(source, 2002));
        var ties = source.AllTies(PartialDatePolicy.Latest);
        var usGb = ties.Single(t => t.AgreementId == "cow:1");
        Assert.Equal(new DateOnly(2000, 1, 1), usGb.Start);
        Assert.Equal(new DateOnly(2002, 1, 1), usGb.End);
    }

    [Fact]
    public void Cow_UnexpectedColumn_IsNamed()
    {
        var path = Temp("version4id,ccode1,ccode2,year,defense,neutrality,nonaggression,entente,strength\n1,2,200,2000,1,0,0,0,5\n");
        var error = Assert.Single(Importers.Cow(path, States).Diagnostics);
        Assert.Equal(DiagnosticCodes.UnexpectedColumn, error.Code);
        Assert.Contains("'strength'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cow_ByDirectedWithoutYear_SaysWhichFileToUse()
    {
        var path = Temp("version4id,ccode1,ccode2,dyad_st_year,defense,neutrality,nonaggression,entente\n1,2,200,1949,1,0,0,0\n");
        var error = Assert.Single(Importers.Cow(path, States).Diagnostics);
        Assert.Equal(DiagnosticCodes.MissingColumn, error.Code);
        Assert.Contains("by_directed_yearly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dcad_DefaultIndicatorIsStrictAnyDca()
    {
        var result = Importers.Dcad(Fixture("dcad_dyadic.csv"), States);
        var source = result.GetValueOrThrow();
        Assert.Equal(["dcad:dyad AUS-JPN", "dcad:dyad COW:999-USA"], Pairs(source, 2007));
        Assert.Empty(Pairs(source, 2008));
        Assert.Equal(Layer.Arrangement, source.TiesOn(new DateOnly(2007, 1, 1), PartialDatePolicy.Latest)[0].Layer);
        Assert.Equal("XYZ", source.NameOf("COW:999"));
        Assert.Equal(DiagnosticCodes.UnmappedCode, Assert.Single(result.Diagnostics).Code);
        var broad = Importers.Dcad(Fixture("dcad_dyadic.csv"), States, ["dcaAnyV2"]).GetValueOrThrow();
        Assert.Equal(["dcad:dyad AUS-JPN", "dcad:dyad COW:999-USA", "dcad:dyad PHL-USA"], Pairs(broad, 2007));
    }

    [Fact]
    public void Dcad_MissingFile_IsAnError()
    {
        var error = Assert.Single(Importers.Dcad("/nonexistent/dcad.csv", States).Diagnostics);
        Assert.Equal(DiagnosticCodes.MissingFile, error.Code);
    }

    [Fact]
    public void Sources_OpenBySpec_AndRefuseUnknownKinds()
    {
        using var data = new TempData();
        data.Agreement("gbr-jpn-raa");
        var registry = RegistryLoader.Load(data.Root).GetValueOrThrow();
        Assert.IsType<RegistrySource>(NetworkSources.Open("registry", registry).Value);
        Assert.Equal(DiagnosticCodes.UnknownSource, Assert.Single(NetworkSources.Open("gml:x.gml", registry).Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.UnknownFlag, Assert.Single(NetworkSources.Open("registry", registry, ["defense"]).Diagnostics).Code);
        var atop = NetworkSources.Open("atop:" + Fixture("atop_members.csv"), registry).GetValueOrThrow();
        Assert.StartsWith("atop:", atop.Name, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCodes.OutsideCoverage, NetworkSources.CoverageWarning(atop, new DateOnly(1900, 1, 1))!.Code);
        Assert.Null(NetworkSources.CoverageWarning(atop, new DateOnly(1960, 1, 1)));
    }
}
