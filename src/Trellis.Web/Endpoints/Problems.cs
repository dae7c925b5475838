using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Diagnostics;

namespace Trellis.Web.Endpoints;

/// <summary>
/// The problem documents (RFC 9457) the API answers errors with. Each carries the stable
/// diagnostic <c>code</c> where one applies, and for plan errors every diagnostic with its line.
/// </summary>
public static class Problems
{
    /// <summary>One diagnostic as it appears in a problem document.</summary>
    public sealed record DiagnosticView(string Code, string Severity, string Message, int? Line);

    public static ProblemHttpResult BadQuery(string parameter, string detail, string code = DiagnosticCodes.InvalidOption) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request parameter",
            extensions: new Dictionary<string, object?> { ["code"] = code, ["parameter"] = parameter });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found",
            extensions: new Dictionary<string, object?> { ["code"] = DiagnosticCodes.UnknownId });

    public static ProblemHttpResult InvalidDocument(string title, IEnumerable<Diagnostic> diagnostics, int status = StatusCodes.Status400BadRequest)
    {
        var list = diagnostics.Select(d => new DiagnosticView(d.Code, d.Severity == Severity.Error ? "error" : "warning", d.Message, d.Line > 0 ? d.Line : null)).ToArray();
        var errors = list.Where(d => d.Severity == "error").ToArray();
        var detail = errors.Length == 1 ? Where(errors[0]) : $"{errors.Length} errors; the first: {Where(errors[0])}";
        return TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["code"] = errors[0].Code, ["diagnostics"] = list });

        static string Where(DiagnosticView d) => d.Line is { } line ? $"line {line}: {d.Message}" : d.Message;
    }

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
