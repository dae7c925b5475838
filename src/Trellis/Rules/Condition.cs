using System.Numerics;

namespace Trellis.Rules;

/// <summary>
/// The <c>when</c> of a rule or layer: plan conditions and, for element rules, element conditions.
/// All given conditions must hold; a list means "any of". Held as bit masks so that matching a
/// plan of thousands of element groups allocates nothing.
/// </summary>
public sealed record Condition
{
    /// <summary>No conditions: holds for every plan.</summary>
    public static readonly Condition Always = new();

    /// <summary>Bit per <see cref="Purpose"/>; 0 = any.</summary>
    public uint PurposeMask { get; init; }

    public bool? CooperativeActivity { get; init; }

    /// <summary>The plan's <see cref="ActivityPlan.UnitedNationsCommand"/> must equal this; null = either.</summary>
    public bool? UnitedNationsCommand { get; init; }

    /// <summary>Sending states allowed; null = any.</summary>
    public IReadOnlyList<string>? SendingStates { get; init; }

    /// <summary>Sending states excluded; null = none.</summary>
    public IReadOnlyList<string>? ExceptSendingStates { get; init; }

    /// <summary>Host states allowed; null = any.</summary>
    public IReadOnlyList<string>? HostStates { get; init; }

    public int? DurationAtLeast { get; init; }

    public int? DurationAtMost { get; init; }

    /// <summary>Bit per <see cref="ElementKind"/>; 0 = a plan rule (no element conditions).</summary>
    public uint KindMask { get; init; }

    /// <summary>Bit per entry of <see cref="RulesVocabulary.Categories"/>; 0 = any.</summary>
    public uint CategoryMask { get; init; }

    /// <summary>Documents the group must all hold.</summary>
    public TravelDocuments DocumentsHas { get; init; }

    /// <summary>Documents of which the group must lack at least one; None = no condition.</summary>
    public TravelDocuments DocumentsMissing { get; init; }

    /// <summary>Which flags are constrained.</summary>
    public ElementFlags FlagMask { get; init; }

    /// <summary>The required values of the constrained flags.</summary>
    public ElementFlags FlagValues { get; init; }

    /// <summary>Species allowed; null = any.</summary>
    public IReadOnlyList<string>? Species { get; init; }

    /// <summary>Bit per entry of <see cref="RulesVocabulary.MedicineUses"/>; 0 = any.</summary>
    public uint UseMask { get; init; }

    /// <summary>
    /// Places the element must be at (<see cref="PlanElement.Place"/> keys: facility ids or free text in lower-case words
    /// joined by '-'); null = anywhere. An element whose place is not given does not match.
    /// </summary>
    public IReadOnlyList<string>? At { get; init; }

    /// <summary>Minimum amount (docs/rules-format.md §1); null = none.</summary>
    public double? AtLeast { get; init; }

    /// <summary>True when the rule has element conditions (it has <c>kind</c>).</summary>
    public bool IsElementRule => KindMask != 0;

    /// <summary>True when every plan-level condition holds for <paramref name="plan"/>.</summary>
    public bool MatchesPlan(ActivityPlan plan) => PlanMismatch(plan) is null;

    /// <summary>True when every element condition holds for <paramref name="e"/> (plan conditions are not checked).</summary>
    public bool MatchesElement(PlanElement e)
    {
        if ((KindMask & (1u << (int)e.Kind)) == 0)
        {
            return false;
        }

        if (CategoryMask != 0 && (e.CategoryCode < 0 || (CategoryMask & (1u << e.CategoryCode)) == 0))
        {
            return false;
        }

        if ((e.Documents & DocumentsHas) != DocumentsHas)
        {
            return false;
        }

        if (DocumentsMissing != TravelDocuments.None && (e.Documents & DocumentsMissing) == DocumentsMissing)
        {
            return false;
        }

        if (FlagMask != ElementFlags.None &&
            ((ElementFlagsOf.Defined(e.Kind) & FlagMask) != FlagMask || (e.Flags & FlagMask) != FlagValues))
        {
            return false;
        }

        if (UseMask != 0)
        {
            var use = e.Use is null ? -1 : RulesVocabulary.IndexOf(RulesVocabulary.MedicineUses, e.Use);
            if (e.Kind != ElementKind.Medicine || use < 0 || (UseMask & (1u << use)) == 0)
            {
                return false;
            }
        }

        if (Species is { } species && (e.Species is null || !Contains(species, e.Species)))
        {
            return false;
        }

        if (At is { } at && (e.Place is null || !Contains(at, e.Place)))
        {
            return false;
        }

        return AtLeast is not { } min || e.Amount >= min;
    }

    /// <summary>
    /// The conditions in words, one per entry, as a rule page shows them (<c>kind: personnel</c>,
    /// <c>purpose: exercise or training</c>, <c>documents include passport and military-id</c>); empty for <see cref="Always"/>.
    /// </summary>
    public IReadOnlyList<string> Describe()
    {
        var parts = new List<string>();
        if (PurposeMask != 0) parts.Add($"purpose: {Names(RulesVocabulary.Purposes, PurposeMask)}");
        if (CooperativeActivity is { } coop) parts.Add(coop ? "a mutually decided cooperative activity" : "not a mutually decided cooperative activity");
        if (UnitedNationsCommand is { } unc) parts.Add(unc ? "a United Nations Command activity" : "not a United Nations Command activity");
        if (SendingStates is { } sending) parts.Add($"sending state: {string.Join(" or ", sending)}");
        if (ExceptSendingStates is { } except) parts.Add($"sending state not {string.Join(" or ", except)}");
        if (HostStates is { } hosts) parts.Add($"host state: {string.Join(" or ", hosts)}");
        if (DurationAtLeast is { } least) parts.Add($"lasts at least {least} days");
        if (DurationAtMost is { } most) parts.Add($"lasts at most {most} days");
        if (KindMask != 0) parts.Add($"kind: {Names(RulesVocabulary.ElementKinds, KindMask)}");
        if (CategoryMask != 0) parts.Add($"category: {Names(RulesVocabulary.Categories, CategoryMask)}");
        if (DocumentsHas != TravelDocuments.None) parts.Add($"documents include {DocumentNames(DocumentsHas, " and ")}");
        if (DocumentsMissing != TravelDocuments.None) parts.Add($"documents lack {DocumentNames(DocumentsMissing, " and ")}");
        parts.AddRange(ElementFlagsOf.Names.Where(n => (FlagMask & n.Flag) != 0).Select(n => $"{n.Name}: {((FlagValues & n.Flag) != 0 ? "true" : "false")}"));
        if (Species is { } species) parts.Add($"species: {string.Join(" or ", species)}");
        if (UseMask != 0) parts.Add($"use: {Names(RulesVocabulary.MedicineUses, UseMask)}");
        if (At is { } at) parts.Add($"at: {string.Join(" or ", at)}");
        if (AtLeast is { } min) parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"amount at least {min}"));
        return parts;
    }

    /// <summary>Why the plan fails a plan condition, or null when all hold.</summary>
    public string? PlanMismatch(ActivityPlan plan)
    {
        if (PurposeMask != 0 && (PurposeMask & (1u << (int)plan.Purpose)) == 0)
        {
            return $"purpose is {RulesVocabulary.Purposes[(int)plan.Purpose]}; needs {Names(RulesVocabulary.Purposes, PurposeMask)}";
        }

        if (CooperativeActivity is { } coop && coop != plan.CooperativeActivity)
        {
            return coop
                ? "the plan is not a mutually decided cooperative activity; needs one"
                : "the plan is a mutually decided cooperative activity; needs one that is not";
        }

        if (UnitedNationsCommand is { } unc && unc != plan.UnitedNationsCommand)
        {
            return unc
                ? "the plan is not a United Nations Command activity; needs one"
                : "the plan is a United Nations Command activity; needs one that is not";
        }

        if (SendingStates is { } sending && !Contains(sending, plan.SendingState))
        {
            return $"sending state is {plan.SendingState}; needs {string.Join(" or ", sending)}";
        }

        if (ExceptSendingStates is { } except && Contains(except, plan.SendingState))
        {
            return $"sending state {plan.SendingState} is excluded";
        }

        if (HostStates is { } hosts && !Contains(hosts, plan.HostState))
        {
            return $"host state is {plan.HostState}; needs {string.Join(" or ", hosts)}";
        }

        if (DurationAtLeast is { } atLeast && plan.DurationDays < atLeast)
        {
            return $"lasts {plan.DurationDays} days; needs at least {atLeast}";
        }

        if (DurationAtMost is { } atMost && plan.DurationDays > atMost)
        {
            return $"lasts {plan.DurationDays} days; needs at most {atMost}";
        }

        return null;
    }

    /// <summary>Why <paramref name="e"/> fails an element condition, or null when all hold. For explanations only.</summary>
    public string? ElementMismatch(PlanElement e)
    {
        if ((KindMask & (1u << (int)e.Kind)) == 0)
        {
            return $"kind is {RulesVocabulary.ElementKinds[(int)e.Kind]}";
        }

        if (CategoryMask != 0 && (e.CategoryCode < 0 || (CategoryMask & (1u << e.CategoryCode)) == 0))
        {
            return $"category is {e.Category ?? "not given"}; needs {Names(RulesVocabulary.Categories, CategoryMask)}";
        }

        if ((e.Documents & DocumentsHas) != DocumentsHas)
        {
            return $"lacks {DocumentNames(DocumentsHas & ~e.Documents, " and ")}";
        }

        if (DocumentsMissing != TravelDocuments.None && (e.Documents & DocumentsMissing) == DocumentsMissing)
        {
            return $"holds {DocumentNames(DocumentsMissing, " and ")}";
        }

        foreach (var (flag, name) in ElementFlagsOf.Names)
        {
            if ((FlagMask & flag) == 0)
            {
                continue;
            }

            if ((ElementFlagsOf.Defined(e.Kind) & flag) == 0)
            {
                return $"has no '{name}'";
            }

            var wanted = (FlagValues & flag) != 0;
            if (((e.Flags & flag) != 0) != wanted)
            {
                return $"{name} is {(!wanted ? "true" : "false")}";
            }
        }

        if (UseMask != 0)
        {
            var use = e.Use is null ? -1 : RulesVocabulary.IndexOf(RulesVocabulary.MedicineUses, e.Use);
            if (use < 0 || (UseMask & (1u << use)) == 0)
            {
                return $"use is {e.Use ?? "not given"}; needs {Names(RulesVocabulary.MedicineUses, UseMask)}";
            }
        }

        if (Species is { } species && (e.Species is null || !Contains(species, e.Species)))
        {
            return $"species is {e.Species ?? "not given"}; needs {string.Join(" or ", species)}";
        }

        if (At is { } at && (e.Place is null || !Contains(at, e.Place)))
        {
            return e.Place is null ? $"no 'at' given; needs {string.Join(" or ", at)}" : $"is at {e.Place}; needs {string.Join(" or ", at)}";
        }

        if (AtLeast is { } min && e.Amount < min)
        {
            return $"amount {e.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} is below {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        return null;
    }

    /// <summary>
    /// True when no plan and element can satisfy both conditions, provably from the conditions
    /// alone (docs/rules-format.md, unordered conflict). False means "may overlap".
    /// </summary>
    public bool IsExclusiveWith(Condition other)
    {
        if (Disjoint(PurposeMask, other.PurposeMask) || Disjoint(UseMask, other.UseMask))
        {
            return true;
        }

        if (CooperativeActivity is { } a && other.CooperativeActivity is { } b && a != b)
        {
            return true;
        }

        if (UnitedNationsCommand is { } u && other.UnitedNationsCommand is { } v && u != v)
        {
            return true;
        }

        // No plan is both (TRL212): a UN Command condition excludes a cooperative-activity one.
        if ((UnitedNationsCommand == true && other.CooperativeActivity == true) || (CooperativeActivity == true && other.UnitedNationsCommand == true))
        {
            return true;
        }

        if (DisjointLists(SendingStates, other.SendingStates) || DisjointLists(HostStates, other.HostStates) ||
            DisjointLists(Species, other.Species) || DisjointLists(At, other.At))
        {
            return true;
        }

        if (Covers(ExceptSendingStates, other.SendingStates) || Covers(other.ExceptSendingStates, SendingStates))
        {
            return true;
        }

        if ((DurationAtLeast is { } least && other.DurationAtMost is { } most && least > most) ||
            (other.DurationAtLeast is { } least2 && DurationAtMost is { } most2 && least2 > most2))
        {
            return true;
        }

        if (IsElementRule && other.IsElementRule)
        {
            if ((KindMask & other.KindMask) == 0 || Disjoint(CategoryMask, other.CategoryMask))
            {
                return true;
            }

            var common = FlagMask & other.FlagMask;
            if (common != ElementFlags.None && (FlagValues & common) != (other.FlagValues & common))
            {
                return true;
            }

            // missing [x, y] means "lacks x or y"; it excludes has [..] only when every one of x, y is held.
            if ((other.DocumentsMissing != TravelDocuments.None && (DocumentsHas & other.DocumentsMissing) == other.DocumentsMissing) ||
                (DocumentsMissing != TravelDocuments.None && (other.DocumentsHas & DocumentsMissing) == DocumentsMissing))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Disjoint(uint a, uint b) => a != 0 && b != 0 && (a & b) == 0;

    private static bool DisjointLists(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is not null && b is not null && !a.Any(x => Contains(b, x));

    private static bool Covers(IReadOnlyList<string>? except, IReadOnlyList<string>? only) =>
        except is not null && only is not null && only.All(x => Contains(except, x));

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static string Names(IReadOnlyList<string> names, uint mask)
    {
        var parts = new List<string>(BitOperations.PopCount(mask));
        for (var i = 0; i < names.Count; i++)
        {
            if ((mask & (1u << i)) != 0)
            {
                parts.Add(names[i]);
            }
        }

        return string.Join(" or ", parts);
    }

    internal static string DocumentNames(TravelDocuments documents, string separator)
    {
        var parts = new List<string>(3);
        for (var i = 0; i < RulesVocabulary.Documents.Count; i++)
        {
            if (((int)documents & (1 << i)) != 0)
            {
                parts.Add(RulesVocabulary.Documents[i]);
            }
        }

        return string.Join(separator, parts);
    }
}
