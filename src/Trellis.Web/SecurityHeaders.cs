using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Trellis.Web;

/// <summary>
/// The headers every response carries (docs/web.md, "Security headers"): a Content-Security-Policy that
/// allows the app's own scripts, styles, images and fonts and nothing else, and forbids framing
/// (<c>frame-ancestors 'none'</c>, with <c>X-Frame-Options: DENY</c> for older browsers);
/// <c>X-Content-Type-Options: nosniff</c>; <c>Referrer-Policy: strict-origin-when-cross-origin</c>.
/// The pages have no inline script or style. The one exception is the API reference (Scalar) at
/// <c>/api/reference</c>, whose page has inline scripts: each is allowed by its SHA-256 hash, worked out
/// from the page itself, and its styles, which Scalar injects at run time, need <c>'unsafe-inline'</c>
/// for <c>style-src</c> on that page only.
/// </summary>
public static partial class SecurityHeaders
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
                                 "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    private static readonly ConcurrentDictionary<string, string> ReferencePolicies = new(StringComparer.Ordinal);

    /// <summary>The policy of the API reference page, given the inline scripts in its HTML.</summary>
    public static string ReferencePolicy(string html) => ReferencePolicies.GetOrAdd(html, static page =>
    {
        var hashes = InlineScript().Matches(page)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'")
            .Distinct(StringComparer.Ordinal);
        return $"default-src 'self'; script-src 'self' {string.Join(' ', hashes)}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
               "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
    });

    public static WebApplication UseTrellisSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                // Set when the response starts, so that the exception handler's cleared headers get them too.
                var headers = response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = Policy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = ReferrerPolicy;
                return Task.CompletedTask;
            });

            if (!IsReference(context.Request))
            {
                await next(context);
                return;
            }

            // The API reference's HTML, held back to hash its inline scripts into the policy.
            var original = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                response.Body = original;
            }

            if (response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
            {
                response.Headers.ContentSecurityPolicy = ReferencePolicy(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }

            response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });
        return app;

        static bool IsReference(HttpRequest request) => HttpMethods.IsGet(request.Method)
            && request.Path.StartsWithSegments("/api/reference", out var rest) && (!rest.HasValue || rest == "/" || !rest.Value!.Contains('.', StringComparison.Ordinal));
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
