using Trellis.Cases;
using Trellis.Ledger;
using Trellis.Ledger.Terms;
using Trellis.Registry;

namespace Trellis.Tests.Ledger;

/// <summary>The bundled registry and logistics terms, loaded once, and the organisations and people of the ledger tests.</summary>
internal static class LedgerFixture
{
    private static readonly Lazy<(AgreementRegistry Registry, LogisticsTermsBook Book)> Bundled = new(() =>
    {
        var registry = RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        return (registry, LogisticsTermsBook.Load(registry).GetValueOrThrow());
    });

    public static AgreementRegistry Data => Bundled.Value.Registry;

    public static LogisticsTermsBook Book => Bundled.Value.Book;

    public static readonly Guid Jmsdf = Guid.Parse("00000000-0000-0000-0000-0000000d0001");
    public static readonly Guid RoyalNavy = Guid.Parse("00000000-0000-0000-0000-0000000d0002");
    public static readonly Guid UsNavy = Guid.Parse("00000000-0000-0000-0000-0000000d0003");

    public static readonly OrganisationRef JapanSide = new(Jmsdf, "JPN");
    public static readonly OrganisationRef UkSide = new(RoyalNavy, "GBR");
    public static readonly OrganisationRef UsSide = new(UsNavy, "USA");

    /// <summary>The JMSDF official who orders (listed on the order), a second JMSDF approver, a JMSDF planner, Royal Navy staff, a Japanese legal adviser.</summary>
    public static readonly Actor JpnOfficial = new("jpn-official", Jmsdf, "JPN", [Role.Approver]);
    public static readonly Actor JpnApprover = new("jpn-approver-2", Jmsdf, "JPN", [Role.Approver]);
    public static readonly Actor JpnPlanner = new("jpn-planner", Jmsdf, "JPN", [Role.Planner]);
    public static readonly Actor UkApprover = new("uk-approver", RoyalNavy, "GBR", [Role.Approver]);
    public static readonly Actor UkPlanner = new("uk-planner", RoyalNavy, "GBR", [Role.Planner]);
    public static readonly Actor JpnLegal = new("jpn-legal", Guid.Parse("00000000-0000-0000-0000-0000000d0009"), "JPN", [Role.LegalAdviser]);

    public static DateOnly Day(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A JMSDF order of fuel from a Royal Navy ship under the Japan–UK ACSA, for training in 2027, replacement in kind: every check passes.</summary>
    public static OrderDraft FuelFromTheRoyalNavy(params OrderLineDraft[] lines) => new(
        "gbr-jpn-logistics", JapanSide, UkSide, Day("2027-03-01"), new OrderSituation("training"), "replacement-in-kind",
        lines.Length > 0 ? lines : [new OrderLineDraft("petroleum-oils-lubricants", "F-76 marine diesel", 120_000m, "litre", 0.8125m, "GBP")],
        [new AuthorisedOfficial(JpnOfficial.UserId, OrderSide.Requesting, "Cdr. Sato")]);
}
