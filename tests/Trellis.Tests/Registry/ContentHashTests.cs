using Trellis.Registry;

namespace Trellis.Tests.Registry;

public class ContentHashTests
{
    [Fact]
    public void Of_ChangesWithAnyFileAndOnlyThen()
    {
        var dir = Directory.CreateTempSubdirectory("trellis-hash-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "agreements", "a"));
            File.WriteAllText(Path.Combine(dir, "agreements", "a", "agreement.yaml"), "id: a\n");
            File.WriteAllText(Path.Combine(dir, "states.yaml"), "- GBR\n");
            var first = ContentHash.Of(dir);
            Assert.Equal(first, ContentHash.Of(dir));
            Assert.Matches("^[0-9a-f]{64}$", first);

            File.WriteAllText(Path.Combine(dir, "agreements", "a", "agreement.yaml"), "id: b\n");
            Assert.NotEqual(first, ContentHash.Of(dir));

            File.WriteAllText(Path.Combine(dir, "agreements", "a", "agreement.yaml"), "id: a\n");
            Assert.Equal(first, ContentHash.Of(dir));

            File.Move(Path.Combine(dir, "states.yaml"), Path.Combine(dir, "states2.yaml"));
            Assert.NotEqual(first, ContentHash.Of(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
