using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Trellis.Diagnostics;

namespace Trellis.Web;

/// <summary>
/// A request parameter the framework could not bind — <c>top=99999999999</c> for an <c>int</c>,
/// <c>compare=maybe</c> for a <c>bool</c>, a missing required <c>from</c>, a body that is not JSON — is the
/// user's mistake: a 400 problem document with <see cref="DiagnosticCodes.InvalidOption"/>, the
/// <c>parameter</c> and what it accepts (415 for a body of the wrong media type), never the framework's
/// bare 400. <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on so that binding failures reach here.
/// </summary>
public sealed partial class BadParameterHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType } bad)
        {
            return false;
        }

        var (parameter, detail) = Describe(bad);
        context.Response.StatusCode = bad.StatusCode;
        var written = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type" : "Invalid request parameter",
                Detail = detail,
                Extensions = { ["code"] = DiagnosticCodes.InvalidOption, ["parameter"] = parameter },
            },
        };
        return await problems.TryWriteAsync(written);
    }

    /// <summary>The parameter and a message saying what it accepts, from the framework's message.</summary>
    public static (string Parameter, string Detail) Describe(BadHttpRequestException exception)
    {
        var message = exception.Message;
        if (BindFailed().Match(message) is { Success: true } failed)
        {
            var (type, name, value) = (failed.Groups["type"].Value, failed.Groups["name"].Value, failed.Groups["value"].Value);
            return (name, $"{name}: '{value}' is not {Accepted(type)}");
        }

        if (Required().Match(message) is { Success: true } missing)
        {
            var (type, name) = (missing.Groups["type"].Value, missing.Groups["name"].Value);
            return (name, $"{name} is required: give {Accepted(type)}");
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("Content-Type", "send the body as JSON (Content-Type: application/json)");
        }

        if (BodyParameter().Match(message) is { Success: true } body)
        {
            return (body.Groups["name"].Value, $"the body is not the JSON this request takes ({body.Groups["name"].Value}): {exception.InnerException?.Message ?? "it could not be read"}");
        }

        return ("body", "the request could not be read: " + message);
    }

    /// <summary>What a value of a parameter's type looks like, for the message.</summary>
    public static string Accepted(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
    {
        "int" or "Int32" => $"a whole number ({int.MinValue} to {int.MaxValue}; each parameter's own range is in /openapi/v1.json)",
        "long" or "Int64" => "a whole number",
        "double" or "Double" or "decimal" or "float" => "a number (e.g. 12.5)",
        "bool" or "Boolean" => "true or false",
        "Guid" => "an id such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "DateOnly" => "a date (YYYY-MM-DD)",
        "string" or "String" => "a value",
        var other => $"a value of type {other}",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+) (?<name>[^" ]+)" was not provided""")]
    private static partial Regex Required();

    [GeneratedRegex("""parameter "(?<type>[^"]+) (?<name>[^" ]+)" from the request body""")]
    private static partial Regex BodyParameter();
}
