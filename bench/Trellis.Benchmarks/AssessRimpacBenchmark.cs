using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Benchmarks;

/// <summary>
/// Issue 3 target: a RIMPAC-size event — 29 sending states, each with a 1,000-group plan, into
/// one host — all assessed in under 50 ms on one core after warm-up. Japan is the host, because
/// it has a baseline and three RAAs and a SOFA to resolve; the plans are generated once in setup.
/// </summary>
[MemoryDiagnoser]
public class AssessRimpacBenchmark
{
    private static readonly string[] Senders =
    [
        "GBR", "AUS", "PHL", "USA", "CAN", "FRA", "DEU", "IND", "IDN", "ITA", "MYS", "NLD", "NZL", "SGP", "KOR",
        "THA", "BRA", "CHL", "COL", "ECU", "ISR", "MEX", "PER", "LKA", "TON", "BRN", "DNK", "NOR", "ESP",
    ];

    private Assessor _assessor = null!;
    private ActivityPlan[] _plans = [];

    [Params(1000)]
    public int GroupsPerPlan { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var registry = RegistryLoader.Load(BenchData.DataDirectory).GetValueOrThrow();
        var book = RuleBook.Load(registry).GetValueOrThrow();
        _assessor = new Assessor(registry, book);
        _plans = Senders.Select(s => PlanLoader.Parse(PlanYaml(s, GroupsPerPlan), $"{s}.yaml", registry).GetValueOrThrow()).ToArray();
    }

    [Benchmark(Description = "29 plans x 1,000 groups into JPN")]
    public int AssessAll()
    {
        var filings = 0L;
        foreach (var plan in _plans)
        {
            filings += _assessor.Assess(plan).Summary.Filings;
        }

        return (int)(filings & int.MaxValue);
    }

    [Benchmark(Description = "the same, with --compare (baseline too)")]
    public int CompareAll()
    {
        var filings = 0L;
        foreach (var plan in _plans)
        {
            filings += _assessor.Compare(plan).Summary.Filings;
        }

        return (int)(filings & int.MaxValue);
    }

    /// <summary>A plan cycling through every element kind, as a planner would write it.</summary>
    internal static string PlanYaml(string sender, int groups)
    {
        string[] kinds =
        [
            "{ kind: personnel, count: 40, category: member, documents: [passport, military-id, movement-order] }",
            "{ kind: personnel, count: 3, category: civilian-component, documents: [passport, movement-order] }",
            "{ kind: personnel, count: 2, category: contractor, documents: [passport] }",
            "{ kind: vehicle, count: 4 }",
            "{ kind: aircraft, count: 2, stateAircraft: true, armed: false, entries: 2 }",
            "{ kind: vessel, count: 1, warship: true, portCalls: 2 }",
            "{ kind: weapon, count: 40, category: small-arms }",
            "{ kind: ammunition, quantity: 4000 }",
            "{ kind: animal, species: dog, count: 1 }",
            "{ kind: medicine, controlled: true, use: unit-stock }",
            "{ kind: radio, count: 5 }",
            "{ kind: goods, valueUsd: 25000, officialUse: true }",
            "{ kind: fuel, litres: 50000 }",
        ];
        var yaml = new StringBuilder(groups * 90);
        yaml.Append(CultureInfo.InvariantCulture, $"""
            name: RIMPAC-size contingent of {sender}
            sendingState: {sender}
            hostState: JPN
            purpose: exercise
            cooperativeActivity: true
            start: 2027-06-28
            end: 2027-08-01
            elements:

            """);
        for (var i = 0; i < groups; i++)
        {
            var k = kinds[i % kinds.Length];
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: g{i}, {k[2..]}\n");
        }

        return yaml.ToString();
    }
}
