namespace Trellis.Tests.Rules;

/// <summary>The plan, rules and parameters schemas agree with what the loaders accept.</summary>
public class RulesSchemaTests
{
    private const string Plan = "schemas/plan.schema.json";
    private const string Rules = "schemas/rules.schema.json";
    private const string Parameters = "schemas/parameters.schema.json";

    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        void Add(string folder, string pattern, string schema, SearchOption option = SearchOption.TopDirectoryOnly)
        {
            var full = Path.Combine(Repo.Root, folder);
            if (!Directory.Exists(full))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(full, pattern, option).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(Repo.Root, file), schema);
            }
        }

        Add("data/baselines", "rules.yaml", Rules, SearchOption.AllDirectories);
        Add("data/agreements", "rules.yaml", Rules, SearchOption.AllDirectories);
        Add("samples/plans", "*.yaml", Plan);
        Add("data/parameters", "lead-times.yaml", Parameters);
        Add("data/parameters", "friction-plan.yaml", Plan);
        Add("tests/Trellis.Tests/Rules/fixtures/data/baselines", "rules.yaml", Rules, SearchOption.AllDirectories);
        Add("tests/Trellis.Tests/Rules/fixtures/data/agreements", "rules.yaml", Rules, SearchOption.AllDirectories);
        Add("tests/Trellis.Tests/Rules/fixtures/plans", "*.yaml", Plan);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void File_ValidatesAgainstItsSchema(string file, string schemaFile)
    {
        var errors = SchemaCheck.Errors(schemaFile, File.ReadAllText(Path.Combine(Repo.Root, file)));
        Assert.True(errors is null, errors);
    }

    [Theory]
    [InlineData("data/parameters/lead-times.yaml", Parameters)]
    [InlineData("data/parameters/friction-plan.yaml", Plan)]
    public void BundledParameterFile_ReferencesItsSchema(string file, string schemaFile) =>
        SchemaCheck.AssertReferences(file, schemaFile);

    [Theory]
    [InlineData(Plan, "sendingState: GBR\nhostState: JPN\npurpose: exercise\nstart: 2027-03-01\nend: 2027-03-02\nelements:\n  - { id: a, kind: vehicle, count: 1, armed: true }\n")]
    [InlineData(Plan, "sendingState: GBR\nhostState: JPN\npurpose: exercise\nstart: 2027-03-01\nend: 2027-03-02\nelements:\n  - { id: a, kind: tank, count: 1 }\n")]
    [InlineData(Plan, "sendingState: GBR\nhostState: JPN\npurpose: exercise\nstart: 2027-03-01\nend: 2027-03-02\nelements:\n  - { id: a, kind: personnel, count: -1, category: member }\n")]
    [InlineData(Rules, "instrument: baseline-jpn\nrules:\n  - { id: jpn.a, title: t, citation: { article: x }, confidence: high, inform: { topic: other, text: x }, waive: [jpn.b] }\n")]
    [InlineData(Rules, "instrument: baseline-jpn\nrules:\n  - { id: jpn.a, title: t, citation: { article: x }, confidence: high, require: { kind: permit, authority: x, leadTime: { days: 1, unknown: true }, per: plan } }\n")]
    [InlineData(Parameters, "parameters:\n  - { name: a, label: x, leadTime: { unknown: true }, basis: y }\n")]
    public void Schema_RejectsWhatTheLoaderRejects(string schemaFile, string yaml) =>
        Assert.False(SchemaCheck.IsValid(schemaFile, yaml));
}
