namespace Trellis.Diagnostics;

/// <summary>The outcome of a load: a snapshot when there were no errors, and every diagnostic found.</summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics) where T : class
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The value, or a <see cref="DiagnosticException"/> carrying every error.</summary>
    public T GetValueOrThrow() => !HasErrors && Value is not null ? Value : throw new DiagnosticException(Diagnostics);
}
