namespace Trellis.Tests.Registry;

/// <summary>The JSON Schemas that editors use agree with the data the loader accepts.</summary>
public class SchemaTests
{
    public static TheoryData<string, string> DataFiles()
    {
        var data = new TheoryData<string, string>
        {
            { "data/states/states.yaml", "schemas/states.schema.json" },
            { "data/facilities/facilities.yaml", "schemas/facilities.schema.json" },
            { "data/exercises/exercises.yaml", "schemas/exercises.schema.json" },
            { "data/states/points.yaml", "schemas/state-points.schema.json" },
        };
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Data, "agreements"), "agreement.yaml", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetRelativePath(Repo.Root, file), "schemas/agreement.schema.json");
        }

        foreach (var file in Directory.EnumerateFiles(Repo.Data, "logistics.yaml", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetRelativePath(Repo.Root, file), "schemas/logistics.schema.json");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void DataFile_ValidatesAgainstItsSchemaAndReferencesIt(string file, string schemaFile)
    {
        SchemaCheck.AssertReferences(file, schemaFile);
        var errors = SchemaCheck.Errors(schemaFile, File.ReadAllText(Path.Combine(Repo.Root, file)));
        Assert.True(errors is null, errors);
    }

    [Fact]
    public void AgreementSchema_RejectsAnUnknownField()
    {
        var yaml = File.ReadAllText(Path.Combine(Repo.Data, "agreements/gbr-jpn-raa/agreement.yaml"));
        Assert.True(SchemaCheck.IsValid("schemas/agreement.schema.json", yaml));
        Assert.False(SchemaCheck.IsValid("schemas/agreement.schema.json", yaml + "inforce: \"2023-10-15\"\n"));
    }
}
