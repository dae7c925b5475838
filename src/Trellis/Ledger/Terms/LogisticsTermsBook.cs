using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Ledger.Terms;

/// <summary>The answer to "is this category covered?": what the terms say on that day and which entries say it.</summary>
public enum CoverageStatus
{
    /// <summary>Covered in every situation the agreement covers.</summary>
    Covered,
    /// <summary>Covered only in the situations of <see cref="CategoryCoverage.OnlyIn"/>.</summary>
    CoveredOnlyIn,
    /// <summary>Excluded by the agreement, or by the supplying state's own law.</summary>
    Excluded,
    /// <summary>No source gives it (an explicit unknown, no entry for that day, a day inside a bound known only to the month, or no terms at all).</summary>
    Unknown,
}

/// <summary>Coverage of one category under one agreement on one day, with the entries (and so the citations) that decide it.</summary>
public sealed record CategoryCoverage(string Category, DateOnly Day, CoverageStatus Status, IReadOnlyList<CategoryTerm> Entries, string Reason)
{
    /// <summary>For <see cref="CoverageStatus.CoveredOnlyIn"/>: the situations; empty otherwise.</summary>
    public IReadOnlyList<string> OnlyIn { get; init; } = [];

    /// <summary>True when the category is covered in <paramref name="situation"/> (false for excluded and unknown).</summary>
    public bool CoversIn(string situation) =>
        Status == CoverageStatus.Covered || (Status == CoverageStatus.CoveredOnlyIn && OnlyIn.Contains(situation));
}

/// <summary>Whether a situation is one the agreement covers on a day: covered, not covered (a complete list without it), or unknown.</summary>
public enum SituationStatus
{
    Covered,
    NotCovered,
    Unknown,
}

public sealed record SituationCoverage(string Situation, DateOnly Day, SituationStatus Status, IReadOnlyList<SituationTerm> Entries, string Reason);

/// <summary>The settlement methods allowed on a day (each with its time limit and citation), or unknown when no source gives them.</summary>
public sealed record SettlementOptions(bool Unknown, IReadOnlyList<SettlementTerm> Methods, string Reason);

/// <summary>The third-party transfer restrictions that apply on a day, and whether the agreement's own clause is unknown.</summary>
public sealed record TransferOptions(bool ClauseUnknown, IReadOnlyList<TransferRestriction> Restrictions, string Reason);

/// <summary>
/// Every agreement's logistics terms and every supplier's limits, loaded from the data folder, and the questions a ledger
/// asks of them for an agreement and a day. The questions do not check that the agreement is in force on that day:
/// an order does that first (<see cref="AgreementRegistry.InForceBetween"/>). Immutable once loaded.
/// </summary>
public sealed class LogisticsTermsBook
{
    /// <summary>The terms file's name in an agreement folder, and the supplier file's in a baseline folder.</summary>
    public const string TermsFile = "logistics.yaml";

    private readonly Dictionary<string, LogisticsTerms> _terms;
    private readonly Dictionary<string, SupplierLimits> _suppliers;

    public LogisticsTermsBook(IEnumerable<LogisticsTerms> terms, IEnumerable<SupplierLimits> suppliers)
    {
        _terms = terms.ToDictionary(t => t.AgreementId, StringComparer.Ordinal);
        _suppliers = suppliers.ToDictionary(s => s.State, StringComparer.Ordinal);
    }

    public static LogisticsTermsBook Empty { get; } = new([], []);

    /// <summary>Every agreement's terms, by agreement id order.</summary>
    public IReadOnlyList<LogisticsTerms> Terms => _terms.Values.OrderBy(t => t.AgreementId, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<SupplierLimits> Suppliers => _suppliers.Values.OrderBy(s => s.State, StringComparer.Ordinal).ToArray();

    public LogisticsTerms? TermsOf(string agreementId) => _terms.GetValueOrDefault(agreementId);

    public SupplierLimits? LimitsOf(string state) => _suppliers.GetValueOrDefault(state);

    /// <summary>
    /// Reads <c>logistics.yaml</c> in every agreement folder of <paramref name="registry"/> (only a logistics agreement may
    /// have one: TRL500) and <c>baselines/&lt;ISO3&gt;/logistics.yaml</c> for suppliers; every problem is reported at once.
    /// </summary>
    public static LoadResult<LogisticsTermsBook> Load(AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        var terms = new List<LogisticsTerms>();
        foreach (var agreement in registry.Agreements)
        {
            if (agreement.Folder is not { } folder || !DataFile.Exists(Path.Combine(folder, TermsFile)))
            {
                continue;
            }

            var path = Path.Combine(folder, TermsFile);
            if (agreement.Type != AgreementType.Logistics)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TermsNotLogistics,
                    $"'{agreement.Id}' is of type {agreement.Type.ToName()}, not logistics: logistics terms belong beside a logistics agreement; move the file or fix the type",
                    RegistryLoader.Display(path), 1));
                continue;
            }

            if (LogisticsTermsReader.Read(path, agreement, diagnostics) is { } t)
            {
                terms.Add(t);
            }
        }

        var suppliers = new List<SupplierLimits>();
        if (registry.DataDirectory is { } data)
        {
            var baselines = Path.Combine(data, RuleLoader.BaselinesFolder);
            foreach (var folder in Directory.Exists(baselines) ? Directory.GetDirectories(baselines).Order(StringComparer.Ordinal).ToArray() : [])
            {
                var path = Path.Combine(folder, TermsFile);
                if (DataFile.Exists(path) && LogisticsTermsReader.ReadSupplier(path, Path.GetFileName(folder), diagnostics) is { } s)
                {
                    suppliers.Add(s);
                }
            }
        }

        var book = diagnostics.Any(d => d.Severity == Severity.Error) ? null : new LogisticsTermsBook(terms, suppliers);
        return new(book, diagnostics);
    }

    /// <summary>
    /// Is <paramref name="category"/> covered under the agreement on <paramref name="day"/>? With a <paramref name="supplier"/>
    /// (the state whose forces provide), that state's own limits come first: the SDF never supplies weapons, whatever an
    /// agreement's text (not read) says. Throws <see cref="ArgumentException"/> for a category outside the vocabulary.
    /// </summary>
    public CategoryCoverage Coverage(string agreementId, string category, DateOnly day, string? supplier = null)
    {
        if (!LogisticsVocabulary.Categories.Contains(category))
        {
            throw new ArgumentException($"'{category}' is not a logistics category: use one of {string.Join(", ", LogisticsVocabulary.Categories)}.", nameof(category));
        }

        if (supplier is not null && LimitsOf(supplier) is { } limits &&
            limits.Excluded.Where(e => e.Category == category && e.Validity.On(day) == Applicability.Yes).ToArray() is { Length: > 0 } barred)
        {
            return new(category, day, CoverageStatus.Excluded, barred, $"{supplier}'s own law forbids its forces to supply {category}");
        }

        if (TermsOf(agreementId) is not { } terms)
        {
            return new(category, day, CoverageStatus.Unknown, [], $"no logistics terms are recorded for {agreementId}");
        }

        var applying = terms.Categories.Where(t => t.Category == category && t.Validity.On(day) != Applicability.No).ToArray();
        if (applying.Length == 0)
        {
            return new(category, day, CoverageStatus.Unknown, [], $"no entry for {category} applies on {day:yyyy-MM-dd}");
        }

        if (applying.Any(t => t.Validity.On(day) == Applicability.Uncertain))
        {
            return new(category, day, CoverageStatus.Unknown, applying,
                $"{day:yyyy-MM-dd} falls where an entry's start or end is known only to the month or year");
        }

        if (applying.Any(t => t.Status == CategoryStatus.Unknown))
        {
            return new(category, day, CoverageStatus.Unknown, applying, applying.First(t => t.Status == CategoryStatus.Unknown).Note ?? "no source gives it");
        }

        if (applying.Any(t => t.Status == CategoryStatus.Excluded))
        {
            return new(category, day, CoverageStatus.Excluded, applying, $"{agreementId} excludes {category}");
        }

        return applying.All(t => t.OnlyIn.Count > 0)
            ? new(category, day, CoverageStatus.CoveredOnlyIn, applying, $"{agreementId} covers {category} only in some situations")
            {
                OnlyIn = applying.SelectMany(t => t.OnlyIn).Distinct().ToArray(),
            }
            : new(category, day, CoverageStatus.Covered, applying, $"{agreementId} covers {category}");
    }

    /// <summary>Is <paramref name="situation"/> one the agreement lists on <paramref name="day"/>? Throws <see cref="ArgumentException"/> outside the vocabulary.</summary>
    public SituationCoverage Situation(string agreementId, string situation, DateOnly day)
    {
        if (!LogisticsVocabulary.Situations.Contains(situation))
        {
            throw new ArgumentException($"'{situation}' is not a logistics situation: use one of {string.Join(", ", LogisticsVocabulary.Situations)}.", nameof(situation));
        }

        if (TermsOf(agreementId) is not { } terms)
        {
            return new(situation, day, SituationStatus.Unknown, [], $"no logistics terms are recorded for {agreementId}");
        }

        if (terms.Situations.Unknown)
        {
            return new(situation, day, SituationStatus.Unknown, [], terms.Situations.Note ?? "no source gives the situations covered");
        }

        var entries = terms.Situations.Covered.Where(s => s.Situation == situation).ToArray();
        if (entries.Any(e => e.Validity.On(day) == Applicability.Yes))
        {
            return new(situation, day, SituationStatus.Covered, entries.Where(e => e.Validity.On(day) == Applicability.Yes).ToArray(), $"{agreementId} covers {situation}");
        }

        if (entries.Any(e => e.Validity.On(day) == Applicability.Uncertain))
        {
            return new(situation, day, SituationStatus.Unknown, entries, $"{day:yyyy-MM-dd} falls where the entry's start or end is known only to the month or year");
        }

        return terms.Situations.Complete
            ? new(situation, day, SituationStatus.NotCovered, entries, $"{situation} is not in {agreementId}'s list of situations on {day:yyyy-MM-dd}")
            : new(situation, day, SituationStatus.Unknown, entries, $"{situation} is not in the part of {agreementId}'s list that was read");
    }

    /// <summary>
    /// The settlement methods allowed on <paramref name="day"/> for <paramref name="lines"/> (<c>goods</c>, <c>services</c>,
    /// or null for every line), each with its time limit.
    /// </summary>
    public SettlementOptions Settlement(string agreementId, DateOnly day, string? lines = null)
    {
        if (TermsOf(agreementId) is not { } terms)
        {
            return new(true, [], $"no logistics terms are recorded for {agreementId}");
        }

        if (terms.Settlement.Unknown)
        {
            return new(true, [], terms.Settlement.Note ?? "no source gives the settlement methods");
        }

        var methods = terms.Settlement.Methods
            .Where(m => m.Validity.On(day) == Applicability.Yes && (lines is null || m.Lines == "any" || m.Lines == lines)).ToArray();
        return methods.Length == 0
            ? new(true, [], $"no settlement method of {agreementId} applies on {day:yyyy-MM-dd}" + (lines is null ? "" : $" to {lines}"))
            : new(false, methods, $"{methods.Select(m => m.Method).Distinct().Count()} method(s) allowed");
    }

    /// <summary>The third-party transfer restrictions that apply on <paramref name="day"/>.</summary>
    public TransferOptions ThirdPartyTransfer(string agreementId, DateOnly day)
    {
        if (TermsOf(agreementId) is not { } terms)
        {
            return new(true, [], $"no logistics terms are recorded for {agreementId}");
        }

        var t = terms.ThirdPartyTransfer;
        return new(t.Unknown, t.Restrictions.Where(r => r.Validity.On(day) == Applicability.Yes).ToArray(),
            t.Unknown ? t.Note ?? "the agreement's clause was not read" : "the restrictions sources state");
    }
}
