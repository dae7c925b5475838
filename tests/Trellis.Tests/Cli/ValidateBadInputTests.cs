using System.Diagnostics;
using Trellis.Diagnostics;

namespace Trellis.Tests.Cli;

/// <summary>
/// Issue 10, "bad input never crashes and nothing is lost": <c>trellis validate</c> on a registry broken in one
/// way exits 1 with a coded diagnostic naming the file (and line), never 70 or a stack trace, and checks
/// everything the CLI and the web app load. docs/reliability.md lists each case.
/// </summary>
public class ValidateBadInputTests
{
    private static CliRunner.Result Validate(string data)
    {
        var result = CliRunner.Run("validate", "--data", data);
        Assert.DoesNotContain("internal error", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Out}{result.Err}");
        return result;
    }

    /// <summary>The diagnostic lines of <paramref name="code"/>; at least one.</summary>
    private static string[] Lines(CliRunner.Result result, string code)
    {
        var lines = result.Err.Split('\n').Where(l => l.Contains($"error {code}:", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length > 0, $"expected {code} in:{Environment.NewLine}{result.Err}");
        return lines;
    }

    [Fact]
    public void Validate_TwoAgreementFoldersWithOneId_ExitsOneWithTrl011NamingBothFiles()
    {
        // Crashed with exit 70 in RegistryLoader.LoadFacilities (ToDictionary) when the data has facilities.
        using var data = new BundledCopy();
        data.Duplicate("agreements/gbr-jpn-raa", "agreements/gbr-jpn-raa-copy");

        var result = Validate(data.Root);

        var line = Assert.Single(Lines(result, DiagnosticCodes.DuplicateId));
        var sep = System.Text.RegularExpressions.Regex.Escape(Path.DirectorySeparatorChar.ToString());
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(line, $@"gbr-jpn-raa-copy{sep}agreement\.yaml:2: error TRL011: .*gbr-jpn-raa{sep}agreement\.yaml:2\b"), line);
    }

    [Fact]
    public void Validate_HolidaysFileCopiedUnderAnotherStatesName_ExitsOneWithTrl103NamingTheOriginal()
    {
        // Crashed with exit 70 building the calendars' FrozenDictionary: two calendars of JPN.
        using var data = new BundledCopy();
        data.Duplicate("holidays/JPN.yaml", "holidays/AUS.yaml");

        var result = Validate(data.Root);

        var line = Assert.Single(Lines(result, DiagnosticCodes.LayerMismatch));
        Assert.Matches(@"AUS\.yaml:\d+: ", line);
        Assert.Contains("JPN.yaml", line[line.IndexOf("error", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TruncatedFrictionTemplate_ExitsOneNamingTheTemplate()
    {
        using var data = new BundledCopy();
        var template = data.PathOf("parameters/friction-plan.yaml");
        var text = File.ReadAllText(template);
        File.WriteAllText(template, text[..(text.IndexOf("kind: personnel", StringComparison.Ordinal) + 10)]);

        var result = Validate(data.Root);

        Assert.Contains(result.Err.Split('\n'), l => l.Contains("friction-plan.yaml:", StringComparison.Ordinal) && l.Contains("error TRL", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WorkedExampleNamingAnUnknownRule_ExitsOneWithTrl115()
    {
        using var data = new BundledCopy();
        var example = data.PathOf("agreements/gbr-jpn-raa/examples/day-of-entry-into-force.yaml");
        File.WriteAllText(example, File.ReadAllText(example).Replace("rule: jpn.entry.passport,", "rule: jpn.entry.pasport,", StringComparison.Ordinal));

        var result = Validate(data.Root);

        Assert.Contains("day-of-entry-into-force.yaml:", Assert.Single(Lines(result, DiagnosticCodes.InvalidExample)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FolderNamedRulesYaml_ExitsOneWithTrl008InsteadOfDroppingTheLayer()
    {
        using var data = new BundledCopy();
        File.Delete(data.PathOf("agreements/gbr-jpn-raa/rules.yaml"));
        Directory.CreateDirectory(data.PathOf("agreements/gbr-jpn-raa/rules.yaml"));

        var result = Validate(data.Root);

        Assert.Contains(Path.Combine("gbr-jpn-raa", "rules.yaml"), Assert.Single(Lines(result, DiagnosticCodes.NotARegularFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FolderNamedLikeAHolidaysFile_ExitsOneWithTrl008()
    {
        using var data = new BundledCopy();
        Directory.CreateDirectory(data.PathOf("holidays/AUS.yaml"));

        var result = Validate(data.Root);

        Assert.Contains("AUS.yaml", Assert.Single(Lines(result, DiagnosticCodes.NotARegularFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FileWhereAnAgreementFolderBelongs_ExitsOneWithTrl008()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa").Write("agreements/aus-jpn-raa.yaml", "id: aus-jpn-raa\n");

        var result = Validate(data.Root);

        Assert.Contains("aus-jpn-raa.yaml", Assert.Single(Lines(result, DiagnosticCodes.NotARegularFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FileWhereTheExamplesFolderBelongs_ExitsOneWithTrl008()
    {
        using var data = new BundledCopy();
        Directory.Delete(data.PathOf("agreements/gbr-jpn-raa/examples"), recursive: true);
        File.WriteAllText(data.PathOf("agreements/gbr-jpn-raa/examples"), "name: not a folder\n");

        var result = Validate(data.Root);

        Assert.Contains("examples", Assert.Single(Lines(result, DiagnosticCodes.NotARegularFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Latin1ByteInAnAgreement_ExitsOneWithTrl007AtItsLine()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa");
        var path = Path.Combine(data.Root, "agreements/gbr-jpn-raa/agreement.yaml");
        var text = File.ReadAllText(path).Replace("short: Test gbr-jpn-raa", "short: Test caf\u00e9", StringComparison.Ordinal);
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(text));
        var line = text.Split('\n').TakeWhile(l => !l.StartsWith("short:", StringComparison.Ordinal)).Count() + 1;

        var result = Validate(data.Root);

        Assert.Contains($"agreement.yaml:{line}: error {DiagnosticCodes.NotUtf8}:", Assert.Single(Lines(result, DiagnosticCodes.NotUtf8)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NamedPipeAsTheFacilitiesFile_ExitsOneWithTrl008WithoutBlocking()
    {
        // Hung forever: reading a FIFO with no writer never returns.
        using var data = new TempData().Agreement("gbr-jpn-raa");
        var fifo = Path.Combine(data.Root, "facilities", "facilities.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = Task.Run(() => Validate(data.Root));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == run, "validate blocked on the named pipe");

        Assert.Contains("facilities.yaml", Assert.Single(Lines(await run, DiagnosticCodes.NotARegularFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LinkToDevZeroAsTheExercisesFile_ExitsOneWithTrl008()
    {
        // Exhausted memory: /dev/zero never ends.
        using var data = new TempData().Agreement("gbr-jpn-raa");
        Directory.CreateDirectory(Path.Combine(data.Root, "exercises"));
        File.CreateSymbolicLink(Path.Combine(data.Root, "exercises", "exercises.yaml"), "/dev/zero");

        var result = Validate(data.Root);

        Assert.Contains("exercises.yaml", Assert.Single(Lines(result, DiagnosticCodes.NotARegularFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DataFileOverTheSizeLimit_ExitsOneWithTrl009()
    {
        using var data = new TempData().Agreement("gbr-jpn-raa");
        Directory.CreateDirectory(Path.Combine(data.Root, "facilities"));
        using (var file = File.Create(Path.Combine(data.Root, "facilities", "facilities.yaml")))
        {
            file.SetLength(Trellis.Registry.DataFile.MaxBytes + 1); // sparse: nothing written, nothing read
        }

        var result = Validate(data.Root);

        Assert.Contains("facilities.yaml", Assert.Single(Lines(result, DiagnosticCodes.FileTooLarge)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DataFolderIsAFile_ExitsOneWithTrl008()
    {
        using var data = new TempData();
        var file = Path.Combine(data.Root, "not-a-folder");
        File.WriteAllText(file, "states: []\n");

        var result = Validate(file);

        Assert.Single(Lines(result, DiagnosticCodes.NotARegularFile));
    }
}
