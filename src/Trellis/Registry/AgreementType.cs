namespace Trellis.Registry;

/// <summary>What an agreement does. A closed vocabulary; the data files spell it in kebab case.</summary>
public enum AgreementType
{
    /// <summary><c>mutual-defence</c>: mutual defence and security treaties.</summary>
    MutualDefence,
    /// <summary><c>sofa</c>: status-of-forces agreements.</summary>
    Sofa,
    /// <summary><c>vfa</c>: visiting-forces agreements, including Philippine SOVFAs.</summary>
    Vfa,
    /// <summary><c>raa</c>: reciprocal access agreements.</summary>
    Raa,
    /// <summary><c>access</c>: base or facility access (EDCA, force posture, facilities MOU).</summary>
    Access,
    /// <summary><c>logistics</c>: ACSA, MLSA, LEMOA.</summary>
    Logistics,
    /// <summary><c>information</c>: GSOMIA, ISA and similar.</summary>
    Information,
    /// <summary><c>equipment</c>: defence equipment and technology transfer.</summary>
    Equipment,
    /// <summary><c>codevelopment</c>: GCAP, AUKUS.</summary>
    Codevelopment,
    /// <summary><c>arrangement</c>: multilateral non-treaty groupings (Quad, FPDA, Five Eyes).</summary>
    Arrangement,
    /// <summary><c>cooperation</c>: bilateral defence-cooperation MOUs and declarations that grant no rights by themselves.</summary>
    Cooperation,
}

/// <summary>The network layer an agreement type belongs to.</summary>
public enum Layer
{
    Alliance,
    Access,
    Logistics,
    Information,
    Industrial,
    Arrangement,

    /// <summary>
    /// Joint military exercises from an interaction dataset (<c>--source mme:FILE</c>), not agreements: a tie per
    /// exercise and pair of its participants, so a pair's link weight is its number of joint exercises in the window.
    /// No agreement type belongs to it.
    /// </summary>
    Exercise,
}

public static class AgreementTypes
{
    private static readonly (AgreementType Type, string Name, Layer Layer)[] Table =
    [
        (AgreementType.MutualDefence, "mutual-defence", Layer.Alliance),
        (AgreementType.Sofa, "sofa", Layer.Access),
        (AgreementType.Vfa, "vfa", Layer.Access),
        (AgreementType.Raa, "raa", Layer.Access),
        (AgreementType.Access, "access", Layer.Access),
        (AgreementType.Logistics, "logistics", Layer.Logistics),
        (AgreementType.Information, "information", Layer.Information),
        (AgreementType.Equipment, "equipment", Layer.Industrial),
        (AgreementType.Codevelopment, "codevelopment", Layer.Industrial),
        (AgreementType.Arrangement, "arrangement", Layer.Arrangement),
        (AgreementType.Cooperation, "cooperation", Layer.Arrangement),
    ];

    /// <summary>Every type name as written in data files.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The kebab-case name used in data files and output (<c>mutual-defence</c>).</summary>
    public static string ToName(this AgreementType type) => Table[(int)type].Name;

    /// <summary>The network layer of the type.</summary>
    public static Layer LayerOf(this AgreementType type) => Table[(int)type].Layer;

    public static bool TryParse(string? name, out AgreementType type)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Name, name, StringComparison.Ordinal))
            {
                type = row.Type;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>The kebab-case name of a layer (<c>alliance</c>).</summary>
    public static string ToName(this Layer layer) => layer.ToString().ToLowerInvariant();

    public static bool TryParseLayer(string? name, out Layer layer) =>
        Enum.TryParse(name, ignoreCase: true, out layer) && Enum.IsDefined(layer);
}
