using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Rules;
using Trellis.Web.Persistence;

namespace Trellis.Web.Endpoints;

/// <summary>A plan as sent: its text and whether it is YAML or JSON.</summary>
public sealed record PlanText(string Text, string Format)
{
    /// <summary>
    /// Reads the plan with the registry's rules (docs/rules-format.md §1): every problem with its line.
    /// JSON is checked as JSON first, then read like YAML (of which it is a subset).
    /// </summary>
    public LoadResult<ActivityPlan> Read(AgreementRegistry registry)
    {
        var text = Text;
        if (Format == PlanFormats.Json)
        {
            try
            {
                using var _ = JsonDocument.Parse(Text);
            }
            catch (JsonException ex)
            {
                var line = (int)(ex.LineNumber ?? -1) + 1;
                return new(null, [Diagnostic.Error(DiagnosticCodes.YamlSyntax, $"the plan is not valid JSON: {FirstSentence(ex.Message)}", "plan", line)]);
            }

            // A tab outside a string is JSON whitespace but not YAML indentation; inside a valid JSON string it cannot occur raw.
            text = Text.Replace('\t', ' ');
        }

        // A plan sent over HTTP has no file: diagnostics say "plan", the assessment's plan.file is null.
        var result = PlanLoader.Parse(text, "plan", registry);
        return result.Value is null ? result : new(result.Value with { File = null }, result.Diagnostics);
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
}

/// <summary>Reads a plan from a request body: media type, size limit, UTF-8; problems as problem documents.</summary>
public static class PlanBody
{
    public static readonly string[] YamlMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    public static readonly string[] JsonMediaTypes = ["application/json", "text/json"];

    /// <summary>Which format a media type names, or null when it is neither YAML nor JSON.</summary>
    public static string? FormatOf(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType is null ? null
            : YamlMediaTypes.Contains(mediaType) ? PlanFormats.Yaml
            : JsonMediaTypes.Contains(mediaType) || mediaType.EndsWith("+json", StringComparison.Ordinal) ? PlanFormats.Json
            : null;
    }

    public static async Task<(PlanText? Plan, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var format = FormatOf(request.ContentType);
        if (format is null)
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"send the plan as YAML (Content-Type: application/yaml) or JSON (Content-Type: application/json), not '{request.ContentType ?? "no Content-Type"}'"));
        }

        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.Status(StatusCodes.Status400BadRequest, "Not UTF-8", "the plan must be UTF-8 text"));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Problems.Status(StatusCodes.Status400BadRequest, "Empty plan", "the request has no plan: send a plan document (docs/rules-format.md §1; samples/plans/)"));
        }

        return (new PlanText(text, format), null);
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Plan too large",
            $"the plan is larger than {limit:N0} bytes, the limit set by Trellis:MaxRequestBytes");
}
