using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Trellis.Web;

/// <summary>
/// A request body over <c>Trellis:MaxRequestBytes</c> is the user's mistake, not a server error:
/// the API answers 413 with a problem document, a page is sent back to itself with
/// <c>?error=too-large</c> so that it can say so. Nothing is read or stored.
/// </summary>
public sealed class TooLargeHandler(IProblemDetailsService problems, IOptions<TrellisOptions> options) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var tooLarge = exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (exception is InvalidDataException && exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));
        if (!tooLarge)
        {
            return false;
        }

        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = TrellisHosting.BackToPage(context.Request, "too-large");
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request too large",
                Detail = $"the request is larger than {options.Value.MaxRequestBytes:N0} bytes, the limit set by Trellis:MaxRequestBytes",
            },
        });
    }
}
