namespace Trellis.Ledger.Terms;

/// <summary>
/// The closed vocabularies of <c>logistics.yaml</c> (docs/logistics.md): one list of categories of supplies and
/// services across every agreement, the situations (activities) agreements cover, and the settlement methods.
/// A value is added only where a text demands it (<c>calibration</c>: 10 U.S.C. 2350(1) and the US–India LEMOA;
/// <c>reciprocal-provision</c>: sources that say "reciprocal provision" without saying in which form).
/// </summary>
public static class LogisticsVocabulary
{
    /// <summary>Categories of supplies and services. Every <c>logistics.yaml</c> addresses each one (covered, excluded or unknown).</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        "food", "water", "billeting", "transportation", "petroleum-oils-lubricants", "clothing", "communications",
        "medical", "base-support", "storage", "use-of-facilities", "training", "spare-parts", "repair-maintenance",
        "airport-port-services", "calibration", "ammunition", "weapons",
    ];

    /// <summary>Situations (activities) in which an agreement lets the parties provide supplies and services.</summary>
    public static readonly IReadOnlyList<string> Situations =
    [
        "training", "multilateral-training", "un-peacekeeping", "international-peace-security", "international-peace-efforts",
        "international-peace-support", "peace-cooperation-disaster-response", "humanitarian-relief", "large-scale-disaster",
        "evacuation-of-nationals", "liaison-routine", "port-visit", "deployment", "operations", "other-activities",
        "areas-surrounding-japan", "important-influence", "survival-threatening", "armed-attack",
    ];

    /// <summary>
    /// How a provision is settled: <c>cash</c> (reimbursement in currency), <c>return-same-goods</c> (the goods
    /// themselves are returned), <c>replacement-in-kind</c> (goods of the same kind, quality and quantity),
    /// <c>equal-value-exchange</c> (supplies or services of equal value), <c>reciprocal-provision</c> (in kind, the
    /// source not saying whether by replacement or by equal-value exchange).
    /// </summary>
    public static readonly IReadOnlyList<string> SettlementMethods =
        ["cash", "return-same-goods", "replacement-in-kind", "equal-value-exchange", "reciprocal-provision"];

    /// <summary>What a settlement method applies to: goods (supplies), services, or any line.</summary>
    public static readonly IReadOnlyList<string> LineKinds = ["goods", "services", "any"];

    /// <summary>The event a settlement time limit counts from.</summary>
    public static readonly IReadOnlyList<string> TimeLimitAnchors = ["delivery"];
}
