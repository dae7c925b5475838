namespace Trellis.Rules;

/// <summary>
/// One element group of a plan: a number of people, vehicles, aircraft and so on that share the
/// facts a rule can ask about. Which fields mean something depends on <see cref="Kind"/>
/// (docs/rules-format.md §1); the others keep their defaults.
/// </summary>
public sealed record PlanElement
{
    /// <summary>Categories as an index into <see cref="RulesVocabulary.Categories"/>; -1 when none.</summary>
    internal readonly int CategoryCode;

    public PlanElement(string id, ElementKind kind, long count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Id = id;
        Kind = kind;
        Count = count;
        Flags = ElementFlagsOf.DefaultTrue(kind);
        CategoryCode = -1;
    }

    /// <summary>Unique in the plan.</summary>
    public string Id { get; }

    public ElementKind Kind { get; }

    /// <summary>
    /// How many: persons, vehicles, aircraft, vessels, weapons, animals, transmitters. For
    /// ammunition and medicine the quantity; for goods the value in USD; for fuel the litres.
    /// </summary>
    public long Count { get; }

    /// <summary>Personnel category or weapon category, as written in files; null when none.</summary>
    public string? Category
    {
        get => CategoryCode < 0 ? null : RulesVocabulary.Categories[CategoryCode];
        init => CategoryCode = value is null ? -1 : RulesVocabulary.IndexOf(RulesVocabulary.Categories, value) is var i and >= 0
            ? i : throw new ArgumentException($"unknown category '{value}'", nameof(value));
    }

    /// <summary>Documents a personnel group holds.</summary>
    public TravelDocuments Documents { get; init; }

    /// <summary>The yes/no facts; only those in <see cref="ElementFlagsOf.Defined"/> for the kind mean anything.</summary>
    public ElementFlags Flags { get; init; }

    /// <summary>Aircraft: entries into the host's airspace per aircraft (≥ 1).</summary>
    public int Entries { get; init; } = 1;

    /// <summary>Vessels: port calls per vessel (≥ 1).</summary>
    public int PortCalls { get; init; } = 1;

    /// <summary>Animals: lower-case species (<c>dog</c>).</summary>
    public string? Species { get; init; }

    /// <summary>Medicine: <c>unit-stock</c> or <c>personal</c>.</summary>
    public string? Use { get; init; }

    /// <summary>Medicine: the substance; radio: the band; goods: the description. Free text.</summary>
    public string? Description { get; init; }

    /// <summary>The amount compared by a rule's <c>atLeast</c>: count, quantity, USD value or litres.</summary>
    public double Amount { get; init; }

    /// <summary>
    /// The group's own first day in the host state, when it is not the plan's <see cref="ActivityPlan.Start"/> (a ship
    /// that joins later): the deadlines of what it must file count from it. Null = the plan's start.
    /// </summary>
    public DateOnly? Arrives { get; init; }

    /// <summary>The port or airfield as written in the plan (a facility id or free text); null when not given.</summary>
    public string? At { get; init; }

    /// <summary>
    /// <see cref="At"/> as the key a rule's <c>at</c> condition compares: the facility's id when it names a facility of the
    /// registry (by id or name), else the text in lower-case words joined by '-' (<c>White Beach</c> → <c>white-beach</c>).
    /// </summary>
    public string? Place { get; init; }

    public string? Notes { get; init; }

    /// <summary>Line of the element in its plan file, for diagnostics (0 when built in code).</summary>
    public int Line { get; init; }

    /// <summary>True when <paramref name="flag"/> is defined for the kind and set.</summary>
    public bool Is(ElementFlags flag) => (ElementFlagsOf.Defined(Kind) & flag) == flag && (Flags & flag) == flag;

    /// <summary>
    /// How many of this element count for <paramref name="per"/> (docs/rules-format.md, multiplicity).
    /// Throws <see cref="OverflowException"/> when count × entries or count × port calls does not fit in a <see cref="long"/>.
    /// </summary>
    public long Units(Multiplicity per) => per switch
    {
        Multiplicity.Plan or Multiplicity.Group => 1,
        Multiplicity.Flight => checked(Count * Entries),
        Multiplicity.PortCall => checked(Count * PortCalls),
        _ => Kind is ElementKind.Ammunition or ElementKind.Medicine or ElementKind.Goods or ElementKind.Fuel ? 1 : Count,
    };
}

/// <summary>
/// A planned activity of one state's forces in another: what is assessed. Dates are calendar
/// days; <see cref="End"/> is inclusive.
/// </summary>
public sealed record ActivityPlan
{
    public ActivityPlan(string sendingState, string hostState, Purpose purpose, DateOnly start, DateOnly end, IReadOnlyList<PlanElement> elements)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sendingState);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostState);
        if (string.Equals(sendingState, hostState, StringComparison.Ordinal))
        {
            throw new ArgumentException("the sending state and the host state must differ", nameof(hostState));
        }

        if (end < start)
        {
            throw new ArgumentException("the end is before the start", nameof(end));
        }

        SendingState = sendingState;
        HostState = hostState;
        Purpose = purpose;
        Start = start;
        End = end;
        Elements = elements;
    }

    /// <summary>A name for output; may be empty.</summary>
    public string Name { get; init; } = "";

    /// <summary>ISO3 of the state whose forces go.</summary>
    public string SendingState { get; }

    /// <summary>ISO3 of the state they go to.</summary>
    public string HostState { get; }

    public Purpose Purpose { get; }

    /// <summary>True when both governments have mutually decided the activity (the RAA trigger).</summary>
    public bool CooperativeActivity { get; init; }

    /// <summary>
    /// True when the forces go as United Nations forces: dispatched for action under the 1950 Security Council
    /// resolutions and the 1951 General Assembly resolution on Korea, under the United Nations Command (the
    /// UN-SOFA trigger). A plan cannot be both this and a <see cref="CooperativeActivity"/> (<c>TRL212</c>).
    /// </summary>
    public bool UnitedNationsCommand { get; init; }

    /// <summary>First day in the host state; the default law date.</summary>
    public DateOnly Start { get; }

    /// <summary>Last day in the host state (inclusive).</summary>
    public DateOnly End { get; }

    /// <summary>Days in the host state, both ends counted.</summary>
    public int DurationDays => End.DayNumber - Start.DayNumber + 1;

    /// <summary>Facility ids or named places.</summary>
    public IReadOnlyList<string> Sites { get; init; } = [];

    public IReadOnlyList<PlanElement> Elements { get; }

    public string? Notes { get; init; }

    /// <summary>The file the plan was read from, for output and diagnostics.</summary>
    public string? File { get; init; }
}

/// <summary>
/// The friction template (<c>data/parameters/friction-plan.yaml</c>): a plan without states and dates.
/// </summary>
public sealed record PlanTemplate(string Name, Purpose Purpose, bool CooperativeActivity, int DurationDays, IReadOnlyList<PlanElement> Elements)
{
    /// <summary>The plan of <paramref name="sending"/> forces in <paramref name="host"/> from <paramref name="start"/>.</summary>
    public ActivityPlan For(string sending, string host, DateOnly start) =>
        new(sending, host, Purpose, start, start.AddDays(DurationDays - 1), Elements)
        {
            Name = Name,
            CooperativeActivity = CooperativeActivity,
        };
}
