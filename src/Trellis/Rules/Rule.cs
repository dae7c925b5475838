using Trellis.Registry;

namespace Trellis.Rules;

/// <summary>Where a rule's content comes from: the instrument, the article and a URL to read it.</summary>
public sealed record Citation(string Instrument, string Article, string? Paragraph, string Url);

/// <summary>How a lead time is given.</summary>
public enum LeadTimeKind
{
    /// <summary>Calendar days before the plan's start.</summary>
    Days,
    /// <summary>Working days of the host before the plan's start (weekends and holidays skipped).</summary>
    WorkingDays,
    /// <summary>The text sets a lead time that no source gives: needs manual input; never zero.</summary>
    Unknown,
    /// <summary>The text is silent; a planning parameter (an assumption, not law) supplies a value.</summary>
    Parameter,
}

/// <summary>A lead time as a rule or a parameter states it.</summary>
public readonly record struct LeadTime(LeadTimeKind Kind, int Value = 0, string? Parameter = null)
{
    public static LeadTime Unknown => new(LeadTimeKind.Unknown);

    /// <summary>
    /// The longest lead time a rule or parameter may state, in days or working days: 3,650 (about ten years;
    /// the longest in the bundled data is months). It keeps every deadline of a supported plan inside the
    /// calendar (<see cref="Registry.SupportedDates"/>); the friction template's <c>durationDays</c> has the same bound.
    /// </summary>
    public const int MaxDays = 3650;

    /// <summary><c>10 days</c>, <c>3 working days</c>, <c>unknown</c>, <c>parameter x</c>.</summary>
    public override string ToString() => Kind switch
    {
        LeadTimeKind.Days => Value == 1 ? "1 day" : $"{Value} days",
        LeadTimeKind.WorkingDays => Value == 1 ? "1 working day" : $"{Value} working days",
        LeadTimeKind.Parameter => $"parameter {Parameter}",
        _ => "unknown",
    };
}

/// <summary>A fee per unit of multiplicity; <see cref="Unknown"/> when payable but the amount is not known.</summary>
public sealed record Fee(decimal Amount, string Currency, bool Unknown = false);

/// <summary>What a <c>require</c> (or a <c>replace</c>'s <c>with</c>) asks of the sending state.</summary>
public sealed record RequireSpec(string Kind, string Authority, LeadTime LeadTime, Multiplicity Per, Fee? Fee);

/// <summary>The one effect of a rule.</summary>
public enum EffectKind
{
    Require,
    Waive,
    Replace,
    Prohibit,
    Inform,
}

/// <summary>
/// One rule of a layer: conditions on the plan and its elements, and one effect.
/// See docs/rules-format.md §2.
/// </summary>
public sealed record Rule
{
    public Rule(string id, string title, Citation citation, Confidence confidence, Condition when, EffectKind effect)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
        Title = title;
        Citation = citation;
        Confidence = confidence;
        When = when;
        Effect = effect;
    }

    /// <summary>Global id: <c>jpn.aircraft.state-aircraft-permit</c>, <c>gbr-jpn-raa.entry.visa-exemption</c>.</summary>
    public string Id { get; }

    public string Title { get; }

    public Citation Citation { get; }

    /// <summary>How far the rule is verified; carried into every output line it produces.</summary>
    public Confidence Confidence { get; }

    /// <summary>The conditions; <see cref="Condition.IsElementRule"/> tells a plan rule from an element rule.</summary>
    public Condition When { get; }

    public EffectKind Effect { get; }

    /// <summary>For <see cref="EffectKind.Require"/> and <see cref="EffectKind.Replace"/>: what is required.</summary>
    public RequireSpec? Require { get; init; }

    /// <summary>For <see cref="EffectKind.Waive"/> and <see cref="EffectKind.Replace"/>: the rule ids displaced.</summary>
    public IReadOnlyList<string> Displaces { get; init; } = [];

    /// <summary>For <see cref="EffectKind.Prohibit"/>: why.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// For <see cref="EffectKind.Prohibit"/>: a bar that a treaty between the two states lifts (a constitution's
    /// "no foreign troops except under a treaty"). An encoded agreement that lifts it waives the rule; an agreement
    /// in force that admits the forces but has no encoded rules may be that treaty, so the bar is then an unknown
    /// naming it, not a prohibition.
    /// </summary>
    public bool UnlessTreaty { get; init; }

    /// <summary>For <see cref="EffectKind.Inform"/>: the topic (<c>jurisdiction</c>, <c>claims</c>...).</summary>
    public string? Topic { get; init; }

    /// <summary>For <see cref="EffectKind.Inform"/>: the note.</summary>
    public string? Text { get; init; }

    /// <summary>First day the rule is law (inclusive); null = as long as its layer.</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>First day the rule is no longer law (exclusive); null = no end.</summary>
    public DateOnly? ValidUntil { get; init; }

    /// <summary>A remark shown with the rule's output line.</summary>
    public string? Note { get; init; }

    /// <summary>The layer's instrument (<c>baseline-jpn</c>, <c>gbr-jpn-raa</c>).</summary>
    public string Layer { get; init; } = "";

    public string? File { get; init; }

    /// <summary>Line of the rule's <c>id</c> in <see cref="File"/>.</summary>
    public int Line { get; init; }

    /// <summary>True when the rule is law on <paramref name="day"/>.</summary>
    public bool IsValidOn(DateOnly day) => (ValidFrom is not { } from || from <= day) && (ValidUntil is not { } until || day < until);

    /// <summary>The effect as written in files (<c>require</c>, <c>waive</c>...).</summary>
    public string EffectName => Effect.ToString().ToLowerInvariant();

    /// <summary><c>file:line</c> of the rule.</summary>
    public string Location => File is null ? Id : $"{File}:{Line}";
}

/// <summary>Whether a layer is a host's baseline or an agreement's rules.</summary>
public enum LayerKind
{
    Baseline,
    Agreement,
}

/// <summary>
/// One rule file: a host's baseline (<c>baseline-jpn</c>) or an agreement's rules (<c>gbr-jpn-raa</c>).
/// </summary>
public sealed record RuleLayer
{
    public RuleLayer(string instrument, LayerKind kind, IReadOnlyList<Rule> rules)
    {
        Instrument = instrument;
        Kind = kind;
        Rules = rules;
    }

    /// <summary>The agreement id, or <c>baseline-&lt;iso3&gt;</c>.</summary>
    public string Instrument { get; }

    public LayerKind Kind { get; }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Baselines: the host's ISO3 code.</summary>
    public string? Host { get; init; }

    /// <summary>
    /// The states on whose soil the layer's rules apply: a baseline's host; for an agreement layer, its
    /// <c>hosts</c> (parties into which the agreement admits another party's forces). The forces it applies to
    /// are the agreement's <see cref="Registry.Agreement.VisitingForces"/>, as for <c>trellis reach</c>.
    /// </summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>True when the layer's rules are for forces of <paramref name="sending"/> on the soil of <paramref name="host"/>.</summary>
    public bool IsFor(string sending, string host) =>
        Kind == LayerKind.Baseline
            ? string.Equals(Host, host, StringComparison.Ordinal)
            : Hosts.Contains(host, StringComparer.Ordinal) && Agreement is { } a && a.AdmitsForcesOf(sending);

    /// <summary>Agreement layers: the agreement.</summary>
    public Agreement? Agreement { get; init; }

    public string? Title { get; init; }

    public string? Url { get; init; }

    /// <summary>Plan conditions for the whole layer (an RAA: <c>cooperativeActivity: true</c>).</summary>
    public Condition When { get; init; } = Condition.Always;

    /// <summary>Agreement ids this layer overrides, as written.</summary>
    public IReadOnlyList<string> Prevails { get; init; } = [];

    public string? File { get; init; }

    public int Line { get; init; }

    /// <summary>A name for output: the title, or the instrument id.</summary>
    public string DisplayName => Agreement?.ShortName ?? Title ?? Instrument;

    /// <summary>The states whose baselines this layer may displace: the host of a baseline, the parties of an agreement.</summary>
    public IReadOnlyList<string> States => Kind == LayerKind.Baseline ? [Host!] : Agreement?.Parties ?? [];

    public static string BaselineId(string iso3) => "baseline-" + iso3.ToLowerInvariant();
}
