using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Trellis.Cases;
using static Trellis.Web.Tests.Cases.CaseFixture;

namespace Trellis.Web.Tests.Ledger;

/// <summary>
/// The parties of the Japan–UK ACSA sample, made through the app's own stores: a JMSDF organisation with its authorised
/// official (an approver), a planner and a second approver; a Royal Navy organisation with an approver and a planner; a
/// Japanese legal adviser (another organisation of the state); a French user with every role (an unrelated state).
/// </summary>
public sealed class LedgerFixture
{
    public required TestUser JpnOfficial { get; init; }
    public required TestUser JpnPlanner { get; init; }
    public required TestUser JpnApprover { get; init; }
    public required TestUser UkApprover { get; init; }
    public required TestUser UkPlanner { get; init; }
    public required TestUser JpnLegal { get; init; }
    public required TestUser French { get; init; }

    public static async Task<LedgerFixture> CreateAsync(TrellisApp app)
    {
        var official = await TestAccounts.CreateAsync(app, "JPN", Role.Approver);
        var uk = await TestAccounts.CreateAsync(app, "GBR", Role.Approver);
        return new LedgerFixture
        {
            JpnOfficial = official,
            JpnPlanner = await TestAccounts.AddUserAsync(app, official.OrganisationId, "JPN", Role.Planner),
            JpnApprover = await TestAccounts.AddUserAsync(app, official.OrganisationId, "JPN", Role.Approver),
            UkApprover = uk,
            UkPlanner = await TestAccounts.AddUserAsync(app, uk.OrganisationId, "GBR", Role.Planner),
            JpnLegal = await TestAccounts.CreateAsync(app, "JPN", Role.LegalAdviser),
            French = await TestAccounts.CreateAsync(app, "FRA", Role.Planner, Role.Approver, Role.LegalAdviser, Role.Auditor),
        };
    }

    /// <summary>A JMSDF order of fuel from the Royal Navy under the Japan–UK ACSA, for training on 2027-03-01 (issue 12's example).</summary>
    public object FuelOrder(string settlement = "replacement-in-kind", params object[] lines) => new
    {
        agreement = "gbr-jpn-logistics",
        requestingOrg = JpnOfficial.OrganisationId,
        supplyingOrg = UkApprover.OrganisationId,
        date = "2027-03-01",
        activity = "training",
        settlement,
        lines = lines.Length > 0 ? lines : [new { category = "petroleum-oils-lubricants", description = "F-76 marine diesel", quantity = 120_000m, unit = "litre", unitPrice = 0.8125m, currency = "GBP" }],
        officials = new[] { JpnOfficial.Email },
    };

    /// <summary>GETs the order for its ETag, then moves it.</summary>
    public static async Task<HttpResponseMessage> MoveOrderAsync(HttpClient client, string id, string to, object? lines = null, string? day = null)
    {
        using var current = await client.GetAsync($"/api/ledger/orders/{id}");
        using var request = WithIfMatch(HttpMethod.Post, $"/api/ledger/orders/{id}/transitions", current.Headers.ETag?.ToString(),
            JsonContent.Create(new { to, lines, day }));
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> ActOnOrderAsync(HttpClient client, string id, string action, object? body = null)
    {
        using var current = await client.GetAsync($"/api/ledger/orders/{id}");
        using var request = WithIfMatch(HttpMethod.Post, $"/api/ledger/orders/{id}/{action}", current.Headers.ETag?.ToString(), body is null ? null : JsonContent.Create(body));
        return await client.SendAsync(request);
    }

    public static string Status(JsonNode detail) => detail["order"]!["status"]!.GetValue<string>();
}
