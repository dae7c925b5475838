using System.Text;
using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Network.Import;
using Trellis.Registry;

namespace Trellis.Tests.Network;

/// <summary>
/// The Multinational Military Exercises importer (issue 11 §3) on fixtures the project wrote in the dataset's two public
/// forms (the dataset is not shipped): <c>mme_exercises.csv</c>, one row per exercise, Latin-1 (<c>C\xF4te d'Ivoire</c>),
/// CRLF; and <c>mme_long.csv</c>, the same ten exercises one row per exercise, country and year, UTF-8
/// (<c>Côte d’Ivoire</c>), with fixture 9 running 1985–1986. Neither holds a real exercise.
/// </summary>
public sealed class MmeImporterTests
{
    private static readonly Lazy<AgreementRegistry> Registry = new(() => RegistryLoader.Load(Repo.Data).GetValueOrThrow());

    private static string Fixture(string name) => Repo.Path_("tests", "Trellis.Tests", "Network", "Fixtures", name);

    private static MmeNames Names()
    {
        var diagnostics = new List<Diagnostic>();
        return MmeNames.Load(Repo.Data, Registry.Value.States, diagnostics) ?? throw new DiagnosticException(diagnostics);
    }

    private static LoadResult<ExerciseSource> Load(string file, int window = 1) => Importers.Mme(file, Registry.Value.States, Names(), window);

    private static string Temp(string text, Encoding? encoding = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trellis-mme-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, (encoding ?? Encoding.UTF8).GetBytes(text));
        return path;
    }

    private const string WideHeader = "MMEID,Ex_Name,s.year,e.year,StateA,StateB,StateC";

    [Fact]
    public void BothForms_GiveTheSameExercisesAndTheExpectedPairCounts()
    {
        var wide = Load(Fixture("mme_exercises.csv")).GetValueOrThrow();
        var longForm = Load(Fixture("mme_long.csv")).GetValueOrThrow();
        Assert.Equal(("exercise", "long"), (wide.Form, longForm.Form));

        string Key(DatasetExercise e) => $"{e.Id} {e.Year} {string.Join("+", e.Participants)}";
        Assert.Equal(wide.Exercises.Select(Key).Order(StringComparer.Ordinal), longForm.Exercises.Select(Key).Order(StringComparer.Ordinal));

        var pairs = StatePair.Parse(["JPN-AUS,JPN-GBR"], Registry.Value.HasState).GetValueOrThrow();
        foreach (var source in new[] { wide, longForm })
        {
            var view = InteractionsView.Of(source, pairs, 1980, 1986);
            Assert.Equal([1980, 1981, 1982, 1983, 1984, 1985, 1986], view.Years);
            var jpnAus = view.Pairs[0];
            Assert.Equal(("JPN-AUS", "JPN", "AUS"), (jpnAus.Pair, jpnAus.A, jpnAus.B));
            Assert.Equal([1, 0, 1, 0, 1, 1, 1], jpnAus.Counts); // fixture 9 (1985–1986) counts once, in 1985
            Assert.Equal(5, jpnAus.Total);
            Assert.Equal(["mme2", "mme4", "mme8", "mme9", "mme10"], jpnAus.Exercises);
            Assert.Equal([0, 1, 0, 0, 0, 0, 1], view.Pairs[1].Counts);
            Assert.Equal(2, view.Pairs[1].Total);
        }
    }

    [Fact]
    public void Encoding_LatinOneAndUtf8_BothMapCoteDIvoire()
    {
        var wide = Load(Fixture("mme_exercises.csv")).GetValueOrThrow();
        var longForm = Load(Fixture("mme_long.csv")).GetValueOrThrow();
        Assert.Equal(("Latin-1", "UTF-8"), (wide.Encoding, longForm.Encoding));
        Assert.Equal(["CIV", "FRA"], wide.Exercises.Single(e => e.Id == "mme7").Participants);
        Assert.Equal(["CIV", "FRA"], longForm.Exercises.Single(e => e.Id == "mme7").Participants);
    }

    [Fact]
    public void HistoricNames_MapThroughTheReviewedTable()
    {
        var source = Load(Fixture("mme_exercises.csv"));
        var wide = source.GetValueOrThrow();
        Assert.Equal(["DEU", "USA"], wide.Exercises.Single(e => e.Id == "mme5").Participants); // Federal Republic of Germany
        Assert.Equal(["COW:265", "POL", "RUS"], wide.Exercises.Single(e => e.Id == "mme6").Participants); // the GDR has no ISO3
        Assert.Contains(source.Diagnostics, d => d.Code == DiagnosticCodes.UnmappedCode && d.Message.Contains("265", StringComparison.Ordinal));
        Assert.Equal("German Democratic Republic", wide.NameOf("COW:265"));
        Assert.Equal("Japan", wide.NameOf("JPN"));
    }

    [Theory]
    [InlineData("mme_exercises.csv", 9, 5, 6)]
    [InlineData("mme_long.csv", 27, 13, 18)]
    public void UnmappedNames_AreWarningsWithTheirLinesAndCounts(string file, int sovietLine, int missingLine, int natoLine)
    {
        var result = Load(Fixture(file));
        Assert.False(result.HasErrors, string.Join("; ", result.Diagnostics));
        var unmapped = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnmappedName).ToArray();
        Assert.All(unmapped, d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.Equal([missingLine, natoLine, sovietLine], unmapped.Select(d => d.Line).Order());
        var soviet = Assert.Single(unmapped, d => d.Message.Contains("'Soviet Union'", StringComparison.Ordinal));
        Assert.Equal(sovietLine, soviet.Line);
        Assert.Contains("1 exercise ", soviet.Message, StringComparison.Ordinal);
        Assert.Single(unmapped, d => d.Message.Contains("-9", StringComparison.Ordinal));
        Assert.Single(unmapped, d => d.Message.Contains("'NATO'", StringComparison.Ordinal));

        // Their exercises' other pairs still count: fixture 8 ties Australia and Japan.
        Assert.Equal(["AUS", "JPN"], result.GetValueOrThrow().Exercises.Single(e => e.Id == "mme8").Participants);
    }

    [Fact]
    public void UnmappedName_InManyExercises_IsOneWarningWithItsCountAndFirstLine()
    {
        var path = Temp($"{WideHeader}\nx1,a,1990,1990,Japan,Atlantis,\nx2,b,1991,1991,Atlantis,Japan,Australia\nx3,c,1992,1992,Japan,Australia,\n");
        var result = Load(path);
        var d = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.UnmappedName);
        Assert.Equal(2, d.Line);
        Assert.Contains("2 exercises (lines 2, 3)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RollingWindow_CountsTheExercisesOfTheLastNYears()
    {
        var pairs = StatePair.Parse(["JPN-AUS"], Registry.Value.HasState).GetValueOrThrow();
        var three = Load(Fixture("mme_exercises.csv"), window: 3).GetValueOrThrow();
        Assert.Equal([1, 1, 2, 1, 2, 2, 3], InteractionsView.Of(three, pairs, 1980, 1986).Pairs[0].Counts);
        Assert.Equal(5, InteractionsView.Of(three, pairs, 1980, 1986).Pairs[0].Total); // distinct exercises, not the sum

        // In the graph: the AUS–JPN link weighs its joint exercises in the window (1984, 1985, 1986).
        var graph = AgreementGraph.At(three, new DateOnly(1986, 6, 30));
        Assert.All(graph.Ties, t => Assert.Equal(Layer.Exercise, t.Layer));
        Assert.Equal(3, graph.Ties.Count(t => t.A == "AUS" && t.B == "JPN"));
        var strength = graph.Metrics().States.Single(s => s.State == "JPN").Strength;
        Assert.Equal(3 + 1 + 1, strength); // AUS 3, GBR 1, USA 1 (fixture 10)

        var one = Load(Fixture("mme_exercises.csv")).GetValueOrThrow();
        Assert.Single(AgreementGraph.At(one, new DateOnly(1986, 6, 30)).Ties, t => t.A == "AUS" && t.B == "JPN");
        var tie = three.TiesIn(1986).First(t => t.AgreementId == "mme:mme8");
        Assert.Equal((new DateOnly(1984, 1, 1), new DateOnly(1987, 1, 1)), (tie.Start!.Value, tie.End!.Value));
        Assert.Equal(DiagnosticCodes.InvalidOption, Assert.Single(Load(Fixture("mme_exercises.csv"), window: 0).Diagnostics).Code);
    }

    [Fact]
    public void NeitherForm_IsTrl302()
    {
        var result = Load(Fixture("atop_members.csv"));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnexpectedColumn, 1), (d.Code, d.Line));
        Assert.Null(result.Value);
    }

    [Fact]
    public void WideForm_WithoutStartYear_IsTrl301()
    {
        var result = Load(Temp("MMEID,StateA,StateB\nx1,Japan,Australia\n"));
        Assert.Equal(DiagnosticCodes.MissingColumn, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("19x0", 3)]
    [InlineData("80", 3)]
    public void BadYear_IsTrl303AtItsLine(string year, int line)
    {
        var result = Load(Temp($"{WideHeader}\nx1,a,1990,1990,Japan,Australia,\nx2,b,{year},1990,Japan,Australia,\n"));
        var d = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((DiagnosticCodes.InvalidCell, line), (d.Code, d.Line));
        Assert.Null(result.Value);
    }

    [Fact]
    public void UnknownYear_LeavesTheExerciseOut_WithAWarning()
    {
        var result = Load(Temp($"{WideHeader}\nx1,a,1990,1990,Japan,Australia,\nx2,b,-9,-9,Japan,Australia,\n"));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.InvalidCell, Severity.Warning, 3), (d.Code, d.Severity, d.Line));
        Assert.Equal(["x1"], result.GetValueOrThrow().Exercises.Select(e => e.Id));
    }

    [Fact]
    public void LongForm_TakesTheStartYear_AndMergesItsRows()
    {
        var result = Load(Temp("MMEID,country,year,s.year\nx1,Japan,1990,1990\nx1,Japan,1991,1990\nx1,Australia,1991,1990\nx1,Australia,1990,1990\n"));
        var e = Assert.Single(result.GetValueOrThrow().Exercises);
        Assert.Equal(1990, e.Year);
        Assert.Equal(["AUS", "JPN"], e.Participants);
        var noStart = Load(Temp("MMEID,country,year\nx1,Japan,1991\nx1,Australia,1990\n")).GetValueOrThrow();
        Assert.Equal(1990, Assert.Single(noStart.Exercises).Year);
    }

    [Fact]
    public void NameTable_Bundled_LoadsAndMapsEveryRowToAStateOrSaysWhyNot()
    {
        var names = Names();
        Assert.True(names.Rows.Count >= 190);
        Assert.All(names.Rows, r => Assert.True(r.IsState || r.Note.Length > 0, $"{r.Name} maps to nothing and says nothing"));
        Assert.All(names.Rows.Where(r => r.Confidence != "high"), r => Assert.NotEmpty(r.Note));
        Assert.Equal("DEU", names.Find("Federal Republic of Germany")?.Iso3);
        Assert.Equal(265, names.Find("german democratic republic")?.Cow);
        foreach (var spelling in new[] { "Côte d’Ivoire", "Côte d'Ivoire", "C\u00f4te d\u0092Ivoire", "CÃ´te dâ\u0080\u0099Ivoire", "  côte   d'ivoire " })
        {
            Assert.Equal("CIV", names.Find(spelling)?.Iso3);
        }

        Assert.Null(names.Find("Soviet Union"));
    }

    [Theory]
    [InlineData("name\tiso3\tcow\tconfidence\tnote\nJapan\tXYZ\t\thigh\t\n", 2)] // not a state of the table
    [InlineData("name\tiso3\tcow\tconfidence\tnote\nJapan\tJPN\t740\tsure\t\n", 2)] // confidence
    [InlineData("name\tiso3\tcow\tconfidence\tnote\nJapan\tJPN\t740\thigh\t\nJAPAN\tJPN\t740\thigh\t\n", 3)] // a repeated name
    [InlineData("# comment\nname\tiso3\tcow\tconfidence\tnote\nJapan\tJPN\tseven\thigh\t\n", 3)] // cow
    [InlineData("name\tiso3\n", 1)] // header
    public void NameTable_BadRow_IsTrl310AtItsLine(string text, int line)
    {
        var diagnostics = new List<Diagnostic>();
        Assert.Null(MmeNames.Parse(text, "names.tsv", Registry.Value.States, diagnostics));
        var d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.InvalidNameTable, line), (d.Code, d.Line));
    }

    [Fact]
    public void Pairs_Parse_ChecksShapeAndStates()
    {
        Assert.Equal([new StatePair("JPN", "AUS"), new StatePair("JPN", "GBR")], StatePair.Parse(["jpn-aus", "JPN-GBR,JPN-AUS"], Registry.Value.HasState).GetValueOrThrow());
        Assert.Equal(DiagnosticCodes.InvalidOption, Assert.Single(StatePair.Parse(["JPNAUS"], Registry.Value.HasState).Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.InvalidOption, Assert.Single(StatePair.Parse(["JPN-JPN"], Registry.Value.HasState).Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.UnknownState, Assert.Single(StatePair.Parse(["JPN-XXX"], Registry.Value.HasState).Diagnostics).Code);
        Assert.Equal(new StatePair("COW:265", "RUS"), StatePair.Parse(["cow:265-RUS"], Registry.Value.HasState).GetValueOrThrow()[0]);
    }

    [Fact]
    public void Source_OpensThroughNetworkSources_AndRejectsWindowElsewhere()
    {
        var opened = NetworkSources.Open("mme:" + Fixture("mme_exercises.csv"), Registry.Value, window: 2);
        Assert.Equal(2, Assert.IsType<ExerciseSource>(opened.Value).Window);
        Assert.Equal(DiagnosticCodes.InvalidOption, Assert.Single(NetworkSources.Open("registry", Registry.Value, window: 2).Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.UnknownFlag, Assert.Single(NetworkSources.Open("mme:" + Fixture("mme_exercises.csv"), Registry.Value, ["defense"]).Diagnostics).Code);
    }
}
