namespace Trellis.Diagnostics;

/// <summary>How serious a diagnostic is. Errors stop a load; warnings do not.</summary>
public enum Severity
{
    Warning,
    Error,
}

/// <summary>
/// One problem found in user input: a data file, a plan, a command-line option.
/// Diagnostics are data: tests assert on <see cref="Code"/>, users read <see cref="Message"/>.
/// </summary>
/// <param name="Code">Stable code from <see cref="DiagnosticCodes"/>, e.g. <c>TRL010</c>.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="File">The file (or option, such as <c>--as-of</c>) the problem is in; null when none applies.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, or 0 when unknown.</param>
public sealed record Diagnostic(string Code, Severity Severity, string Message, string? File = null, int Line = 0)
{
    /// <summary>Where the problem is, as <c>file:line</c>, <c>file</c>, or an empty string.</summary>
    public string Location => File is null ? "" : Line > 0 ? $"{File}:{Line}" : File;

    /// <summary>The diagnostic as one line: <c>file:line: error TRL010: message</c>.</summary>
    public override string ToString()
    {
        var level = Severity == Severity.Error ? "error" : "warning";
        return Location.Length == 0 ? $"{level} {Code}: {Message}" : $"{Location}: {level} {Code}: {Message}";
    }

    public static Diagnostic Error(string code, string message, string? file = null, int line = 0) =>
        new(code, Severity.Error, message, file, line);

    public static Diagnostic Warning(string code, string message, string? file = null, int line = 0) =>
        new(code, Severity.Warning, message, file, line);
}

/// <summary>Thrown only by convenience APIs that cannot return diagnostics; carries them all.</summary>
public sealed class DiagnosticException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
