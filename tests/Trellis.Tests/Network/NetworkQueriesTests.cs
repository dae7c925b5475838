using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Network.Queries;
using Trellis.Registry;

namespace Trellis.Tests.Network;

/// <summary>Issue 11 §8: the network queries both faces take are parsed once, in the core, with the face's field names.</summary>
public class NetworkQueriesTests
{
    private static readonly Lazy<AgreementRegistry> Bundled = new(() => RegistryLoader.Load(Repo.Data).GetValueOrThrow());

    private static LoadResult<CandidateQuery> Parse(string? type = null, string? metric = null, int top = 20, params string[] among) =>
        NetworkQueries.Candidates(Bundled.Value, type, metric, top, among, new GraphOptions(), f => "--" + f);

    [Fact]
    public void Candidates_Valid_GivesTheQuery()
    {
        var q = Parse("raa", "betweenness:jpn", 5, "JPN", "phl", "JPN").GetValueOrThrow();

        Assert.Equal(("betweenness", "JPN", "raa", 5), (q.Metric.Name, q.Focus, q.Type, q.Top));
        Assert.Equal(["JPN", "PHL"], q.Among);
    }

    [Theory]
    [InlineData("treaty", null, 20, DiagnosticCodes.UnknownType, "--type 'treaty' is not a type")]
    [InlineData(null, "nope", 20, DiagnosticCodes.UnknownMetric, "--metric: 'nope' is not a metric here")]
    [InlineData(null, "density:JPN", 20, DiagnosticCodes.UnknownMetric, "density is a graph metric")]
    [InlineData(null, "betweenness:JAP", 20, DiagnosticCodes.UnknownState, "'JAP' is not a state code")]
    [InlineData(null, null, 1001, DiagnosticCodes.InvalidOption, "--top needs 0 (all) to 1000")] // capped on the web only before
    [InlineData(null, null, -1, DiagnosticCodes.InvalidOption, "--top needs 0 (all) to 1000")]
    public void Candidates_BadValue_IsACodedErrorNamingTheField(string? type, string? metric, int top, string code, string message)
    {
        var result = Parse(type, metric, top);

        Assert.Null(result.Value);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(code, d.Code);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_NameInsteadOfCode_SaysTheCode()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.Null(NetworkQueries.State("Japan", "among", Bundled.Value, diagnostics));
        Assert.Contains("Japan is JPN", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
        Assert.Equal("COW:265", NetworkQueries.State("cow:265", "among", Bundled.Value, diagnostics));
    }
}
