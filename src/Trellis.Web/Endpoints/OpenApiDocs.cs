using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Trellis.Web.Endpoints;

/// <summary>
/// What the OpenAPI document (<c>/openapi/v1.json</c>, committed as <c>docs/openapi.json</c>) says beyond
/// the endpoints' signatures: a description and the allowed values of each query parameter, the problem
/// documents each operation can answer (400 always; 401/403 behind sign-in; 404 for a resource by id;
/// 409, 412 and 428 with <c>If-Match</c> for changes; 413 and 415 for bodies) and the <c>ETag</c> of a
/// resource read by id.
/// </summary>
public static class OpenApiDocs
{
    private const string Layers = "comma-separated subset of alliance, access, logistics, information, industrial, arrangement (default: all)";
    private const string Day = "a date, YYYY-MM-DD, from 1900-01-01 to 2200-12-31 (default: today)";

    /// <summary>Every query parameter's meaning and allowed values, by name (the same name means the same thing everywhere).</summary>
    public static readonly IReadOnlyDictionary<string, string> Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["asOf"] = "The day the law is read on: " + Day,
        ["today"] = "The day the assessment is made (deadlines count from it): " + Day,
        ["lawDate"] = "The day the law is read on for the re-assessment: " + Day + " (default: the case's own)",
        ["layers"] = "Layers of the network: " + Layers,
        ["compare"] = "true: also assess without the agreements and show the difference; false (default)",
        ["without"] = "Agreement ids to leave out (repeat or comma-separate), e.g. gbr-jpn-raa",
        ["state"] = "A state, ISO 3166-1 alpha-3 (JPN, GBR, AUS)",
        ["between"] = "Two states, ISO3, comma-separated (GBR,JPN)",
        ["type"] = "An agreement type: " + string.Join(", ", Registry.AgreementTypes.Names),
        ["status"] = "A status: for agreements in-force, signed, negotiating, ended; for cases draft, awaiting-approval, submitted, closed; for filings the filing statuses",
        ["region"] = "A region: north-america, latin-america, europe, africa, western-asia, central-asia, south-asia, southeast-asia, east-asia, oceania",
        ["host"] = "The host state, ISO3",
        ["user"] = "The state using a facility, ISO3",
        ["from"] = "The first year, a whole number (at most 200 years to `to`)",
        ["to"] = "The last year, a whole number, not before `from`",
        ["day"] = "The day of each year, MM-DD (default 01-01)",
        ["metric"] = "A metric: " + string.Join(", ", Network.MetricCatalog.Names) + " (candidates: METRIC or METRIC:ISO3)",
        ["states"] = "States to follow, ISO3, comma-separated (default: the whole graph)",
        ["hub"] = "The hub state, ISO3 (default USA)",
        ["add"] = "Agreements to add: an id, or a hypothetical AAA-BBB:type (JPN-PHL:raa); repeat for more",
        ["remove"] = "Agreement ids to remove; repeat for more",
        ["among"] = "States to pair, ISO3, comma-separated (default: all)",
        ["top"] = "How many candidates, a whole number from 1 to 200 (default 20)",
        ["format"] = "The format: network export graphml, gexf, csv, geojson; plan export json, yaml, md, csv, ics; audit json or csv",
        ["allDates"] = "true: export every agreement ever in force with its dates; false (default): those in force on asOf",
        ["lat"] = "Latitude, degrees, -90 to 90",
        ["lon"] = "Longitude, degrees, -180 to 180",
        ["radiusKm"] = "Radius, kilometres, above 0 and at most 20000",
        ["partner"] = "The other state of the case, ISO3",
        ["dueBefore"] = "Only cases with an open filing due before this day: " + Day,
        ["cursor"] = "The previous page's `next` (opaque); omit for the first page",
        ["limit"] = "Rows on a page, a whole number from 1 to 200 (default 50)",
        ["unread"] = "true: only unread notifications; false (default): all",
        ["q"] = "Free text to look for",
        ["access"] = "Which agreements give access: any (default) or reciprocal",
        ["heldIn"] = "The host state an exercise is held in, ISO3, one of its hosts (default: the first host listed)",
        ["since"] = "Only exercise editions that reach this day or later: a date, YYYY-MM-DD (default: no limit)",
        ["until"] = "Only exercise editions that begin on this day or earlier: a date, YYYY-MM-DD (default: no limit)",
        ["organisation"] = "An organisation's id (default: yours)",
        ["pair"] = "Two states, ISO3, joined by '-' (GBR-JPN): both directions between them",
        ["currency"] = "An ISO 4217 currency the ledger accepts (JPY, GBP, USD…)",
        ["name"] = "A name for the saved plan or the attached file (default: the plan's own name, the file's)",
    };

    public static OpenApiOptions AddTrellisDescriptions(this OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        var endpoint = context.Description;
        var method = endpoint.HttpMethod ?? "GET";
        var path = endpoint.RelativePath ?? "";
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "asOf" && path.StartsWith("api/ledger/", StringComparison.Ordinal))
            {
                parameter.Description = "The day open obligations are aged and compared with their due dates: " + Day;
            }
            else if (parameter.Name is { } name && Parameters.TryGetValue(name, out var text) && string.IsNullOrEmpty(parameter.Description))
            {
                parameter.Description = text;
            }
        }

        operation.Responses ??= new OpenApiResponses();
        void Problem(int status, string description)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
                };
            }
        }

        Problem(400, "An invalid parameter or body: a problem document with the TRL `code`, the `parameter` and what it accepts");
        if (endpoint.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
        {
            Problem(401, "Not signed in: send a bearer token (Authorization: Bearer …) or the sign-in cookie");
            Problem(403, "Signed in, but your role or organisation may not do this; `detail` says why");
        }

        var byId = path.Contains('{', StringComparison.Ordinal);
        if (byId)
        {
            Problem(404, "No such resource, or one you may not see");
        }

        var changes = method != "GET" && byId && !path.EndsWith("/comments", StringComparison.Ordinal) && !path.EndsWith("/attachments", StringComparison.Ordinal);
        if (changes)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match", In = ParameterLocation.Header, Required = true,
                Description = "The ETag of the version you change, as the last GET gave it (\"3\"); `*` is not accepted",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            Problem(409, "The change conflicts with the resource's state (a move the lifecycle does not allow names the allowed ones)");
            Problem(412, "If-Match names a version that is no longer current: GET it again");
            Problem(428, "If-Match is missing (or *): send the ETag of the version you change");
        }

        if (method == "POST" && path.StartsWith("api/ledger/orders", StringComparison.Ordinal))
        {
            Problem(422, "The order or the move is refused by the ledger's checks: the TRL `code` (with the citation where the agreement decides) and every diagnostic with its `field`");
        }

        if (method is "POST" or "PUT")
        {
            Problem(413, "The body is larger than Trellis:MaxRequestBytes (1 MiB by default)");
            Problem(415, "The body's Content-Type is not one this operation takes");
        }

        if (method == "GET" && byId && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
        {
            okResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            okResponse.Headers["ETag"] = new OpenApiHeader
            {
                Description = "The resource's version (\"3\"), for If-Match when changing it",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }

        return Task.CompletedTask;
    });

}
