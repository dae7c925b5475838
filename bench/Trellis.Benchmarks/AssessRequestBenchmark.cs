using System.IO.Pipelines;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Benchmarks;

/// <summary>
/// Issue 5 profile: the core work behind one <c>POST /api/assess?compare=true</c> with the
/// UK-in-Japan sample, stage by stage — parse the plan text, assess it with the baseline beside
/// it, and write the response JSON — so the web load figures can be traced to their cause.
/// </summary>
[MemoryDiagnoser]
public class AssessRequestBenchmark
{
    private AgreementRegistry _registry = null!;
    private Assessor _assessor = null!;
    private string _text = "";
    private ActivityPlan _plan = null!;
    private Assessment _result = null!;

    private static readonly JsonSerializerOptions Compact = new(Json.Options) { WriteIndented = false };

    [GlobalSetup]
    public void Setup()
    {
        _registry = RegistryLoader.Load(BenchData.DataDirectory).GetValueOrThrow();
        _assessor = new Assessor(_registry, RuleBook.Load(_registry).GetValueOrThrow());
        _text = File.ReadAllText(Path.Combine(BenchData.Root, "samples", "plans", "gbr-exercise-in-japan.yaml"));
        _plan = PlanLoader.Parse(_text, "plan", _registry).GetValueOrThrow();
        _result = _assessor.Compare(_plan);
    }

    [Benchmark(Description = "parse the plan YAML")]
    public ActivityPlan? Parse() => PlanLoader.Parse(_text, "plan", _registry).Value;

    [Benchmark(Description = "YAML node tree only (Trellis reader)")]
    public object? Tree() => Trellis.Yaml.YamlDocument.Parse(_text, "plan", new List<Trellis.Diagnostics.Diagnostic>());

    [Benchmark(Description = "YAML events only (YamlDotNet parser)")]
    public int Events()
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(_text));
        var n = 0;
        while (parser.MoveNext())
        {
            n++;
        }

        return n;
    }

    [Benchmark(Description = "YAML tokens only (YamlDotNet scanner)")]
    public int Tokens()
    {
        var scanner = new YamlDotNet.Core.Scanner(new StringReader(_text));
        var n = 0;
        while (scanner.MoveNext())
        {
            n++;
        }

        return n;
    }

    [Benchmark(Description = "assess with compare")]
    public Assessment Compare() => _assessor.Compare(_plan);

    [Benchmark(Description = "write the response JSON")]
    public int WriteJson()
    {
        using var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, _result, Json.Options);
        return (int)stream.Length;
    }

    [Benchmark(Description = "write the response JSON, not indented")]
    public int WriteCompactJson()
    {
        using var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, _result, Compact);
        return (int)stream.Length;
    }

    [Benchmark(Description = "JSON async into a pipe (as the API writes it)")]
    public async Task<long> WriteJsonToPipeAsync()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await JsonSerializer.SerializeAsync(pipe.Writer, _result, Compact);
        await pipe.Writer.CompleteAsync();
        var read = await pipe.Reader.ReadAsync();
        var length = read.Buffer.Length;
        pipe.Reader.AdvanceTo(read.Buffer.End);
        await pipe.Reader.CompleteAsync();
        return length;
    }

    [Benchmark(Description = "whole request (parse, compare, compact JSON)")]
    public int Whole()
    {
        var plan = PlanLoader.Parse(_text, "plan", _registry).GetValueOrThrow();
        using var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, _assessor.Compare(plan), Compact);
        return (int)stream.Length;
    }
}
