using System.Text;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Tests.Registry;

/// <summary>The one guard every loader reads files through (issue 10).</summary>
public class DataFileTests
{
    private static (string? Text, List<Diagnostic> Diagnostics) Read(string path, long maxBytes = DataFile.MaxBytes)
    {
        var diagnostics = new List<Diagnostic>();
        return (DataFile.ReadText(path, "f.yaml", diagnostics, maxBytes), diagnostics);
    }

    [Fact]
    public void ReadText_Utf8WithByteOrderMark_GivesTheTextWithoutTheMark()
    {
        using var data = new TempData();
        var path = Path.Combine(data.Root, "a.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name: Köln\n")]);

        var (text, diagnostics) = Read(path);

        Assert.Empty(diagnostics);
        Assert.Equal("name: Köln\n", text);
    }

    [Fact]
    public void ReadText_InvalidByteOnLineThree_GivesTrl007AtLineThree()
    {
        using var data = new TempData();
        var path = Path.Combine(data.Root, "a.yaml");
        File.WriteAllBytes(path, [.. "a: 1\nb: 2\nc: caf"u8, 0xE9, .. "\n"u8]);

        var (text, diagnostics) = Read(path);

        Assert.Null(text);
        var d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.NotUtf8, 3), (d.Code, d.Line));
    }

    [Fact]
    public void ReadText_OverTheLimit_GivesTrl009()
    {
        using var data = new TempData();
        var path = Path.Combine(data.Root, "a.yaml");
        File.WriteAllText(path, new string('x', 101));

        var (text, diagnostics) = Read(path, maxBytes: 100);

        Assert.Null(text);
        Assert.Equal(DiagnosticCodes.FileTooLarge, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void ReadText_Folder_GivesTrl008()
    {
        using var data = new TempData();

        var (text, diagnostics) = Read(Path.Combine(data.Root, "states"));

        Assert.Null(text);
        Assert.Equal(DiagnosticCodes.NotARegularFile, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void ReadText_DanglingLink_GivesTrl005()
    {
        using var data = new TempData();
        var link = Path.Combine(data.Root, "a.yaml");
        File.CreateSymbolicLink(link, Path.Combine(data.Root, "nowhere.yaml"));

        var (_, diagnostics) = Read(link);

        Assert.Equal(DiagnosticCodes.MissingFile, Assert.Single(diagnostics).Code);
    }

    [Theory]
    [InlineData("/dev/zero", PathKind.Other)]
    [InlineData("/dev/null", PathKind.Other)]
    [InlineData("/", PathKind.Folder)]
    [InlineData("/nonexistent/trellis", PathKind.Missing)]
    public void KindOf_SystemPaths_AreWhatTheyAre(string path, PathKind kind) => Assert.Equal(kind, DataFile.KindOf(path));

    [Fact]
    public void KindOf_LinkToARegularFile_IsAFile()
    {
        using var data = new TempData();
        var link = Path.Combine(data.Root, "link.yaml");
        File.CreateSymbolicLink(link, Path.Combine(data.Root, "states", "states.yaml"));

        Assert.Equal(PathKind.File, DataFile.KindOf(link));
    }
}
