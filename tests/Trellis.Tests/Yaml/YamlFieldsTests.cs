using Trellis.Diagnostics;
using Trellis.Yaml;

namespace Trellis.Tests.Yaml;

/// <summary>Typed access to a mapping's fields.</summary>
public sealed class YamlFieldsTests
{
    private static (bool? Value, List<Diagnostic> Diagnostics) Bool(string value)
    {
        var diagnostics = new List<Diagnostic>();
        var fields = YamlFields.Of(YamlDocument.Parse($"flag: {value}\n", "f.yaml", diagnostics), "f.yaml", diagnostics, "a test")!;
        return (fields.Bool("flag"), diagnostics);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("FALSE", false)]
    public void Bool_Yaml12CoreSchemaSpellings_AreBooleans(string text, bool expected)
    {
        var (value, diagnostics) = Bool(text);

        Assert.Equal(expected, value);
        Assert.Empty(diagnostics);
    }

    /// <summary>
    /// Regression (issue 10 §6): <c>bool.TryParse</c> took <c>tRuE</c> and a quoted <c>"true"</c> as booleans, where
    /// YAML 1.2's core schema (and YamlDotNet's) has only the six spellings above and a quoted "true" is a string.
    /// </summary>
    [Theory]
    [InlineData("tRuE")]
    [InlineData("fALSE")]
    [InlineData("\"true\"")]
    [InlineData("'false'")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("1")]
    public void Bool_OtherSpellingsAndQuotedBooleans_AreTrl004(string text)
    {
        var (value, diagnostics) = Bool(text);

        Assert.Null(value);
        Assert.Equal(DiagnosticCodes.InvalidValue, Assert.Single(diagnostics).Code);
    }
}
