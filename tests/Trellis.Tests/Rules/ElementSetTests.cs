using Trellis.Rules;

namespace Trellis.Tests.Rules;

public class ElementSetTests
{
    [Fact]
    public void ElementSet_AddAcrossWords_EnumeratesInAscendingOrderAndCounts()
    {
        var set = ElementSet.Empty(130);
        foreach (var i in new[] { 129, 0, 64, 63 })
        {
            set.Add(i);
        }

        var seen = new List<int>();
        foreach (var i in set)
        {
            seen.Add(i);
        }

        Assert.Equal([0, 63, 64, 129], seen);
        Assert.Equal(4, set.Count());
        Assert.Equal(3, set.Words);
        Assert.True(set.Contains(64));
        Assert.False(set.Contains(65));
    }

    [Fact]
    public void ElementSet_Default_IsNoneAndNotTheEmptySet()
    {
        Assert.True(default(ElementSet).IsNone);
        Assert.False(default(ElementSet).Any());
        Assert.Equal(0, default(ElementSet).Count());
        Assert.False(ElementSet.Empty(3).IsNone);
        Assert.False(ElementSet.Empty(3).Any());
    }

    [Fact]
    public void ElementSet_CopiesShareWords_CloneDoesNot()
    {
        var set = ElementSet.Empty(10);
        var copy = set;
        var clone = set.Clone();
        copy.Add(3);

        Assert.True(set.Contains(3));
        Assert.True(set.SameAs(copy));
        Assert.False(clone.Contains(3));
        Assert.False(clone.SameAs(set));
        clone.UnionWith(set);
        Assert.True(clone.Contains(3));
    }
}
