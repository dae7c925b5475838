using System.Reflection;
using Trellis.Registry;

namespace Trellis.Tests;

/// <summary>Habits of the codebase that a reviewer would otherwise have to police by hand.</summary>
public class ConventionTests
{
    [Fact]
    public void CoreTypes_HaveNoPublicSetters()
    {
        var offenders = typeof(AgreementRegistry).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod is { IsPublic: true } setter &&
                            !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
                .Select(p => $"{t.FullName}.{p.Name}"))
            .ToArray();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Core_DoesNotReferenceAspNetOrEntityFramework()
    {
        var references = typeof(AgreementRegistry).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "");
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) ||
                                               n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public void DiagnosticCodes_AreUniqueAndEachIsDocumented()
    {
        var codes = typeof(Trellis.Diagnostics.DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        Assert.Equal(codes.Length, codes.Distinct().Count());
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "diagnostics.md"));
        Assert.All(codes, code => Assert.Contains($"| {code} |", doc));
    }
}
