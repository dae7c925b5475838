using Trellis.Network;
using Trellis.Registry;

namespace Trellis.Tests.Network;

public sealed class WhatIfTests
{
    private static readonly DateOnly Day = new(2026, 1, 1);

    private static AgreementRegistry Sample()
    {
        using var data = new TempData();
        data.Agreement("gbr-jpn-raa")
            .Agreement("jpn-usa-mutual-defence", "[JPN, USA]", "mutual-defence", "1960-01-19", "1960-06-23")
            .Agreement("phl-usa-mutual-defence", "[PHL, USA]", "mutual-defence", "1951-08-30", "1952-08-27")
            .Agreement("jpn-phl-raa", "[JPN, PHL]", "raa", "2024-07-08", inForce: null);
        return RegistryLoader.Load(data.Root).GetValueOrThrow();
    }

    [Fact]
    public void Add_AgreementNotYetInForce_CountsAsInForceAndRaisesDegrees()
    {
        var registry = Sample();
        var result = WhatIf.Run(registry, [registry.FindAgreement("jpn-phl-raa")!], [], Day);
        var jpn = result.States.Single(s => s.State == "JPN");
        var phl = result.States.Single(s => s.State == "PHL");
        Assert.Equal(1, jpn.DegreeDelta);
        Assert.Equal(1, phl.DegreeDelta);
        Assert.Equal(2, jpn.StrengthDelta); // an RAA weighs 2
        // Before: GBR–JPN–USA–PHL is a path; JPN and USA each lie on 2 pairs, of (n-1)(n-2)/2 = 3. After, the triangle
        // JPN–PHL–USA leaves JPN between GBR and the other two (still 2 pairs) and USA between no one.
        Assert.Equal(2.0 / 3, jpn.Before!.Betweenness, 1e-15);
        Assert.Equal(2.0 / 3, jpn.After!.Betweenness, 1e-15);
        var usa = result.States.Single(s => s.State == "USA");
        Assert.Equal(-2.0 / 3, usa.BetweennessDelta, 1e-15);
        Assert.Equal(3, result.Before.Graph.Edges);
        Assert.Equal(4, result.After.Graph.Edges);
        Assert.Equal(0, result.States.Single(s => s.State == "GBR").DegreeDelta);
    }

    [Fact]
    public void Remove_TakesTheAgreementsTiesOut()
    {
        var registry = Sample();
        var result = WhatIf.Run(registry, [], [registry.FindAgreement("gbr-jpn-raa")!], Day);
        var gbr = result.States.Single(s => s.State == "GBR");
        Assert.NotNull(gbr.Before);
        Assert.Null(gbr.After); // no tie left: no longer a node
        Assert.Equal(-1, gbr.DegreeDelta);
        Assert.True(gbr.Changed);
        Assert.Equal(3, result.After.Graph.Nodes);
    }

    [Fact]
    public void Add_HypotheticalDraftFolder_LoadsAndCounts()
    {
        var registry = Sample();
        using var draft = new TempData();
        draft.Agreement("aus-jpn-raa", "[AUS, JPN]", "raa", "2022-01-06", inForce: null);
        var agreement = RegistryLoader.LoadHypothetical(Path.Combine(draft.Root, "agreements", "aus-jpn-raa"), registry).GetValueOrThrow();
        Assert.True(agreement.Hypothetical);
        var result = WhatIf.Run(registry, [agreement], [], Day);
        Assert.Equal(1, result.States.Single(s => s.State == "AUS").DegreeDelta);
        Assert.Null(result.States.Single(s => s.State == "AUS").Before);
    }
}
