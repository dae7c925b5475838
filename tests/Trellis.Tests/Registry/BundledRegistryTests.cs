using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Tests.Registry;

/// <summary>The registry shipped in data/ loads cleanly and keeps the promises of the sourcing policy.</summary>
public class BundledRegistryTests
{
    private static readonly Lazy<LoadResult<AgreementRegistry>> Loaded = new(() => RegistryLoader.Load(Repo.Data));

    private static AgreementRegistry Registry => Loaded.Value.GetValueOrThrow();

    [Fact]
    public void Load_BundledData_HasZeroDiagnostics()
    {
        Assert.Empty(Loaded.Value.Diagnostics);
    }

    [Fact]
    public void States_EveryUnMemberAndTaiwan_WithCowCodes()
    {
        Assert.Equal(193, Registry.States.Count(s => s.UnMember));
        var taiwan = Registry.FindState("TWN")!;
        Assert.False(taiwan.UnMember);
        Assert.Equal(900, Registry.FindState("AUS")!.Cow);
        Assert.Equal("AUL", Registry.FindState("AUS")!.CowAbbrev);
        Assert.Equal(305, Registry.FindState("AUT")!.Cow);
    }

    [Fact]
    public void States_CowCodesAgreeWithTheReferenceTable()
    {
        // A copy inside the repository (Reference/README.md says where it comes from): no test reads outside it.
        var table = Repo.Path_("tests", "Trellis.Tests", "Registry", "Reference", "cow-iso3.tsv");
        var rows = File.ReadLines(table).Where(l => !l.StartsWith('#') && !l.StartsWith("cow\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t')).Where(c => c.Length >= 3 && c[2].Length == 3);
        var compared = 0;
        foreach (var row in rows)
        {
            if (Registry.FindState(row[2]) is { } state)
            {
                Assert.True(state.Cow == int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture), $"{row[2]}: COW {state.Cow}, table {row[0]}");
                compared++;
            }
        }

        Assert.True(compared >= 150, $"only {compared} states of the table are in the registry: is the table the right file?");
    }

    [Fact]
    public void EveryAgreementFacilityAndExercise_HasSourceUrlAndConfidence()
    {
        Assert.All(Registry.Agreements, a => Assert.NotEmpty(a.Sources));
        Assert.All(Registry.Facilities, f => Assert.NotEmpty(f.Sources));
        Assert.All(Registry.Exercises, e => Assert.NotEmpty(e.Sources));
        Assert.True(Registry.Agreements.Count >= 75);
        Assert.True(Registry.Facilities.Count >= 29);
        Assert.True(Registry.Exercises.Count >= 19);
    }

    [Fact]
    public void InForceBetween_GbrJpnOnTheDayTheRaaEnteredIntoForce_IncludesIt()
    {
        var before = Registry.InForceBetween("GBR", "JPN", new DateOnly(2023, 10, 14)).Select(a => a.Id);
        var on = Registry.InForceBetween("JPN", "GBR", new DateOnly(2023, 10, 15)).Select(a => a.Id);
        Assert.DoesNotContain("gbr-jpn-raa", before);
        Assert.Contains("gbr-jpn-raa", on);
        Assert.Contains("gbr-jpn-logistics", before);
    }

    [Fact]
    public void AgreementsOf_Japan_IncludesItsAlliesAndNoAgreementWithoutJapan()
    {
        var japan = Registry.AgreementsOf("JPN");
        Assert.Contains(japan, a => a.Id == "jpn-usa-mutual-defence");
        Assert.All(japan, a => Assert.True(a.HasParty("JPN")));
    }

    [Fact]
    public void HistoryOf_AusJpn_OrdersByDateAndShowsTheReplacedAcsa()
    {
        var history = Registry.HistoryOf("AUS", "JPN");
        var ids = history.Select(a => a.Id).ToList();
        Assert.True(ids.IndexOf("aus-jpn-logistics-2010") < ids.IndexOf("aus-jpn-logistics-2017"));
        Assert.True(ids.IndexOf("aus-jpn-logistics-2010") < ids.IndexOf("aus-jpn-raa")); // RAA talks began in 2014
        var old = history.Single(a => a.Id == "aus-jpn-logistics-2010");
        Assert.Equal(AgreementStatus.Ended, old.StatusOn(new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public void Facilities_EdcaSitesAreUsableByTheUsOnlyUnderEdca()
    {
        var edca = Registry.Facilities.Where(f => f.Users.Any(u => u.Agreement == "phl-usa-access")).ToArray();
        Assert.Equal(9, edca.Length);
        Assert.True(Registry.FindAgreement("phl-usa-access")!.SiteSpecific);
    }

    [Fact]
    public void ManilaPact_PakistanWithdrewIn1973_IsNotAPartyOn2026_01_01ButFranceIs()
    {
        // agreements-2 C-01: Pakistan withdrew (effective 1973); France never renounced the pact, which stays in force.
        var day = new DateOnly(2026, 1, 1);
        var pact = Registry.FindAgreement("manila-pact")!;
        Assert.True(pact.IsInForceOn(day));
        Assert.False(pact.HasParty("PAK"));
        Assert.DoesNotContain(Registry.InForceBetween("PAK", "USA", day), a => a.Id == "manila-pact");
        Assert.Contains(Registry.InForceBetween("FRA", "THA", day), a => a.Id == "manila-pact");
        Assert.Contains("Pakistan", pact.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void PhlUsaMlsa_StillInForceUndated_AfterItsLastSourcedExtension()
    {
        // agreements-2 C-02: operative in Jan 2018, renewals implied but undated: in force, no end date, low confidence.
        var mlsa = Registry.FindAgreement("phl-usa-logistics")!;
        Assert.True(mlsa.InForceUndated);
        Assert.Null(mlsa.Ended);
        Assert.True(mlsa.IsInForceOn(new DateOnly(2018, 1, 18)));
        Assert.Equal(Confidence.Low, mlsa.Confidence);
    }
}
