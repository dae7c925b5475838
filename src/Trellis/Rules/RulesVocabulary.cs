namespace Trellis.Rules;

/// <summary>
/// The closed vocabularies of plans and rule files, as written in the files (kebab-case).
/// The position of a name in its list is the value of the matching enum.
/// </summary>
public static class RulesVocabulary
{
    public static readonly IReadOnlyList<string> Purposes = ["exercise", "training", "port-call", "disaster-relief", "transit", "other"];

    public static readonly IReadOnlyList<string> ElementKinds =
        ["personnel", "vehicle", "aircraft", "vessel", "weapon", "ammunition", "animal", "medicine", "radio", "goods", "fuel"];

    /// <summary>
    /// Categories of personnel (first four) and of weapons (the rest). One list so that the
    /// <c>category</c> condition of a rule is one bit mask.
    /// </summary>
    public static readonly IReadOnlyList<string> Categories =
        ["member", "civilian-component", "dependant", "contractor", "small-arms", "light-weapons", "heavy-weapons", "missiles", "other"];

    public static readonly IReadOnlyList<string> PersonnelCategories = ["member", "civilian-component", "dependant", "contractor"];

    public static readonly IReadOnlyList<string> WeaponCategories = ["small-arms", "light-weapons", "heavy-weapons", "missiles", "other"];

    public static readonly IReadOnlyList<string> Documents = ["passport", "military-id", "movement-order"];

    public static readonly IReadOnlyList<string> MedicineUses = ["unit-stock", "personal"];

    public static readonly IReadOnlyList<string> RequirementKinds = ["permit", "notification", "declaration", "inspection", "regime", "fee", "registration"];

    public static readonly IReadOnlyList<string> Multiplicities =
        ["plan", "group", "person", "vehicle", "aircraft", "vessel", "item", "flight", "port-call"];

    public static readonly IReadOnlyList<string> InformTopics = ["jurisdiction", "claims", "taxes", "customs", "driving", "scope", "other"];

    /// <summary>An element kind as a plural noun for sentences: <c>radio equipment</c>, <c>vessels</c>.</summary>
    public static string KindNoun(ElementKind kind) => kind switch
    {
        ElementKind.Personnel => "personnel",
        ElementKind.Vehicle => "vehicles",
        ElementKind.Aircraft => "aircraft",
        ElementKind.Vessel => "vessels",
        ElementKind.Weapon => "weapons",
        ElementKind.Ammunition => "ammunition",
        ElementKind.Animal => "animals",
        ElementKind.Medicine => "medicines",
        ElementKind.Radio => "radio equipment",
        ElementKind.Goods => "goods",
        _ => "fuel",
    };

    /// <summary>A state's name as English writes it in a sentence, with its article: <c>Japan</c>, <c>the Philippines</c>, <c>the United Kingdom</c>.</summary>
    public static string StateInSentence(string name) =>
        name.StartsWith("United ", StringComparison.Ordinal) || name.Contains("Republic", StringComparison.Ordinal) ||
        name is "Philippines" or "Netherlands" or "Bahamas" or "Maldives" or "Solomon Islands" or "Marshall Islands" or "Gambia" or "Holy See"
            ? "the " + name
            : name;

    /// <summary>The name of <paramref name="value"/> in <paramref name="names"/>.</summary>
    public static string Name<T>(IReadOnlyList<string> names, T value) where T : struct, Enum => names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)];

    public static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Why forces go to the host state.</summary>
public enum Purpose
{
    Exercise,
    Training,
    PortCall,
    DisasterRelief,
    Transit,
    Other,
}

/// <summary>What an element group of a plan is.</summary>
public enum ElementKind
{
    Personnel,
    Vehicle,
    Aircraft,
    Vessel,
    Weapon,
    Ammunition,
    Animal,
    Medicine,
    Radio,
    Goods,
    Fuel,
}

/// <summary>The documents a personnel group holds.</summary>
[Flags]
public enum TravelDocuments
{
    None = 0,
    Passport = 1,
    MilitaryId = 2,
    MovementOrder = 4,
}

/// <summary>
/// The yes/no facts of an element. Which of them an element has depends on its kind
/// (<see cref="ElementFlagsOf.Defined"/>); a rule condition on a flag the kind lacks does not match.
/// </summary>
[Flags]
public enum ElementFlags
{
    None = 0,
    StateAircraft = 1 << 0,
    Armed = 1 << 1,
    ServicesRequested = 1 << 2,
    Warship = 1 << 3,
    NuclearPowered = 1 << 4,
    Explosive = 1 << 5,
    Controlled = 1 << 6,
    RentedInHost = 1 << 7,
    Transmits = 1 << 8,
    OfficialUse = 1 << 9,
}

public static class ElementFlagsOf
{
    /// <summary>Each flag with its name in files, in bit order.</summary>
    public static readonly IReadOnlyList<(ElementFlags Flag, string Name)> Names =
    [
        (ElementFlags.StateAircraft, "stateAircraft"),
        (ElementFlags.Armed, "armed"),
        (ElementFlags.ServicesRequested, "servicesRequested"),
        (ElementFlags.Warship, "warship"),
        (ElementFlags.NuclearPowered, "nuclearPowered"),
        (ElementFlags.Explosive, "explosive"),
        (ElementFlags.Controlled, "controlled"),
        (ElementFlags.RentedInHost, "rentedInHost"),
        (ElementFlags.Transmits, "transmits"),
        (ElementFlags.OfficialUse, "officialUse"),
    ];

    /// <summary>The flags an element of <paramref name="kind"/> has.</summary>
    public static ElementFlags Defined(ElementKind kind) => kind switch
    {
        ElementKind.Vehicle => ElementFlags.RentedInHost,
        ElementKind.Aircraft => ElementFlags.StateAircraft | ElementFlags.Armed | ElementFlags.ServicesRequested,
        ElementKind.Vessel => ElementFlags.Warship | ElementFlags.NuclearPowered | ElementFlags.Armed,
        ElementKind.Ammunition => ElementFlags.Explosive,
        ElementKind.Medicine => ElementFlags.Controlled,
        ElementKind.Radio => ElementFlags.Transmits,
        ElementKind.Goods => ElementFlags.OfficialUse,
        _ => ElementFlags.None,
    };

    /// <summary>The flags that are true unless the plan says otherwise.</summary>
    public static ElementFlags DefaultTrue(ElementKind kind) => kind switch
    {
        ElementKind.Aircraft => ElementFlags.StateAircraft,
        ElementKind.Vessel => ElementFlags.Warship,
        ElementKind.Medicine => ElementFlags.Controlled,
        ElementKind.Radio => ElementFlags.Transmits,
        ElementKind.Goods => ElementFlags.OfficialUse,
        _ => ElementFlags.None,
    };

    public static string NameOf(ElementFlags flag)
    {
        foreach (var (f, name) in Names)
        {
            if (f == flag)
            {
                return name;
            }
        }

        return flag.ToString();
    }
}

/// <summary>How many filings a requirement produces (see docs/rules-format.md, <c>per</c>).</summary>
public enum Multiplicity
{
    Plan,
    Group,
    Person,
    Vehicle,
    Aircraft,
    Vessel,
    Item,
    Flight,
    PortCall,
}
