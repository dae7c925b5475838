using System.Numerics;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Yaml;

namespace Trellis.Rules;

/// <summary>
/// Evaluates activity plans against the host's baseline and the agreements in force between the
/// two states (docs/rules-format.md §2, "Displacement, layers and conflicts"). Thread-safe; one
/// instance serves many plans.
/// </summary>
public sealed class Assessor
{
    private readonly AgreementRegistry _registry;
    private readonly RuleBook _book;
    private readonly TimeProvider _clock;

    /// <param name="clock">Tells the day an assessment is made when <see cref="AssessOptions.Today"/> does not; default <see cref="TimeProvider.System"/>.</param>
    public Assessor(AgreementRegistry registry, RuleBook book, TimeProvider? clock = null)
    {
        _registry = registry;
        _book = book;
        _clock = clock ?? TimeProvider.System;
    }

    public AgreementRegistry Registry => _registry;

    public RuleBook Book => _book;

    /// <summary>Today by the assessor's clock, in its local time zone: the default day an assessment is made.</summary>
    public DateOnly Today => DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);

    /// <summary>
    /// Problems that stop <paramref name="plan"/> from being assessed at all: a host without a
    /// baseline (<see cref="DiagnosticCodes.NoBaseline"/>; the message lists the agreements in
    /// force between the two states on the law date). The CLI and the API refuse such a plan
    /// rather than print an assessment of nothing.
    /// </summary>
    public IReadOnlyList<Diagnostic> CheckPlan(ActivityPlan plan, AssessOptions? options = null)
    {
        if (_book.Baseline(plan.HostState) is not null)
        {
            return [];
        }

        var lawDate = options?.AsOf ?? plan.Start;
        var inForce = _registry.AgreementsOf(plan.SendingState)
            .Where(a => a.IsBetween(plan.SendingState, plan.HostState) && AppliesOn(a, lawDate))
            .Select(a => $"{a.Id} ({a.ShortName ?? a.Title})")
            .ToArray();
        var host = StateName(plan.HostState);
        var sending = StateName(plan.SendingState);
        return
        [
            Diagnostic.Error(DiagnosticCodes.NoBaseline,
                $"Trellis has no baseline for {host}: nothing can be assessed (its domestic requirements for foreign forces are not encoded, " +
                $"and an agreement only changes them). " +
                (inForce.Length == 0
                    ? $"No agreement between {sending} and {host} is in force on {lawDate:yyyy-MM-dd}."
                    : $"In force between {sending} and {host} on {lawDate:yyyy-MM-dd}: {string.Join(", ", inForce)}.") +
                $" Baselines exist for {string.Join(", ", _book.BaselineStates.Order(StringComparer.Ordinal))}.",
                plan.File),
        ];
    }

    /// <summary>The name of a state for sentences (<c>France</c>, <c>the Philippines</c>), its ISO3 when the registry does not know it.</summary>
    internal string StateName(string iso3) => _registry.FindState(iso3)?.Name is { } name ? RulesVocabulary.StateInSentence(name) : iso3;

    /// <summary>Problems with <paramref name="options"/>: agreements in <c>Without</c> that do not exist.</summary>
    public IReadOnlyList<Diagnostic> Check(AssessOptions options)
    {
        var result = new List<Diagnostic>();
        foreach (var id in options.Without)
        {
            if (_registry.FindAgreement(id) is null)
            {
                var hint = YamlFields.Suggest(id, _registry.Agreements.Select(a => a.Id)) is { } s ? $" Did you mean '{s}'?" : " List them with: trellis agreements";
                result.Add(Diagnostic.Error(DiagnosticCodes.UnknownAgreement, $"--without names '{id}', which is not an agreement in the registry.{hint}", "--without"));
            }
        }

        return result;
    }

    /// <summary>
    /// Assesses <paramref name="plan"/>. Throws <see cref="DiagnosticException"/> when the options
    /// name an agreement that does not exist (see <see cref="Check"/>).
    /// </summary>
    public Assessment Assess(ActivityPlan plan, AssessOptions? options = null)
    {
        options ??= new AssessOptions();
        if (options.Without.Count > 0 && Check(options) is { Count: > 0 } problems)
        {
            throw new DiagnosticException(problems);
        }

        return new Evaluation(this, plan, options).Run();
    }

    /// <summary>
    /// Assesses <paramref name="plan"/> and the host's baseline alone, and reports the difference
    /// (<see cref="Assessment.Baseline"/>, <see cref="Assessment.Delta"/>).
    /// </summary>
    public Assessment Compare(ActivityPlan plan, AssessOptions? options = null)
    {
        options ??= new AssessOptions();
        options = options with { Today = options.Today ?? Today };
        var current = Assess(plan, options);
        var baseline = Assess(plan, options with { BaselineOnly = true, Explain = false });
        return current with { Baseline = baseline.Summary, Delta = DeltaOf(current, baseline) };
    }

    private static Delta DeltaOf(Assessment current, Assessment baseline)
    {
        var currencies = current.Summary.Fees.Select(f => f.Currency).Union(baseline.Summary.Fees.Select(f => f.Currency), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var fees = currencies.Select(c => new FeeTotal(c,
            current.Summary.Fees.Where(f => f.Currency == c).Sum(f => f.Amount) - baseline.Summary.Fees.Where(f => f.Currency == c).Sum(f => f.Amount)))
            .ToArray();
        var nowProhibited = current.Prohibitions.Select(p => p.Rule).ToHashSet(StringComparer.Ordinal);
        var nowRequired = current.Requirements.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
        var thenRequired = baseline.Requirements.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
        // Unknown minus anything is unknown: never a saving.
        int? longest = current.Summary.LongestLeadDays is { } a && baseline.Summary.LongestLeadDays is { } b ? a - b : null;
        var leadTimes = new List<LeadTimeChange>();
        foreach (var d in current.Displaced)
        {
            if (d.How != "replace" || baseline.Requirements.FirstOrDefault(r => r.Rule == d.Rule) is not { } from ||
                current.Requirements.FirstOrDefault(r => r.Rule == d.DisplacedBy) is not { } to ||
                leadTimes.Exists(x => x.Rule == d.Rule && x.By == d.DisplacedBy))
            {
                continue;
            }

            leadTimes.Add(new LeadTimeChange(d.Rule, d.DisplacedBy, AssessmentExports.LeadTime(from), AssessmentExports.LeadTime(to), from.LeadDays, to.LeadDays,
                from.LeadDays is { } f && to.LeadDays is { } t ? t - f : null));
        }

        return new Delta(
            checked(current.Summary.Filings - baseline.Summary.Filings),
            current.Summary.Authorities - baseline.Summary.Authorities,
            longest,
            current.Summary.Unknowns - baseline.Summary.Unknowns,
            fees,
            leadTimes,
            baseline.Prohibitions.Where(p => !nowProhibited.Contains(p.Rule)).ToArray(),
            baseline.Requirements.Select(r => r.Rule).Where(r => !nowRequired.Contains(r)).Distinct(StringComparer.Ordinal).ToArray(),
            current.Requirements.Select(r => r.Rule).Where(r => !thenRequired.Contains(r)).Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// True when <paramref name="agreement"/> counts as in force on <paramref name="day"/>: in force by
    /// its dates, or a hypothetical agreement without an entry-into-force date that has not ended.
    /// </summary>
    public static bool AppliesOn(Agreement agreement, DateOnly day) =>
        agreement.IsInForceOn(day) ||
        (agreement.Hypothetical && agreement.InForce is null && (agreement.Ended is not { } end || !end.IsOnOrBefore(day)));

    /// <summary>One evaluation of one plan: the state of the algorithm, kept off the shared instance.</summary>
    private sealed class Evaluation(Assessor owner, ActivityPlan plan, AssessOptions options)
    {
        private readonly RuleBook _book = owner._book;
        private readonly PlanElement[] _elements = plan.Elements as PlanElement[] ?? [.. plan.Elements];
        private int[][]? _byKind;
        private readonly int _words = (plan.Elements.Count + 63) >> 6;
        private readonly List<Unknown> _unknowns = [];
        private readonly Dictionary<string, (Parameter Parameter, List<string> Rules)> _parameters = new(StringComparer.Ordinal);
        private readonly DateOnly _lawDate = options.AsOf ?? plan.Start;
        private readonly DateOnly _today = options.Today ?? owner.Today;
        private readonly WorkingCalendar _calendar = owner._book.Calendar(plan.HostState);
        private bool _workingDaysUsed;

        private sealed class Active(Rule rule, RuleLayer layer, int rank, int order, int seq)
        {
            /// <summary>Position among all rules considered, for the order of the explanation.</summary>
            public int Seq { get; } = seq;

            public Rule Rule { get; } = rule;
            public RuleLayer Layer { get; } = layer;
            public int Rank { get; } = rank;
            public int Order { get; } = order;
            public ulong[]? Matched { get; set; }
            public ulong[]? Remaining { get; set; }
            public bool PlanRemaining { get; set; } = true;
            public List<(Active By, ulong[]? Part)>? DisplacedBy { get; set; }
            public List<(Active Target, ulong[]? Part)>? Displacing { get; set; }
        }

        public Assessment Run()
        {
            var layers = new List<RuleLayer>();
            var skipped = new List<SkippedAgreement>();
            SelectLayers(layers, skipped);

            var trace = options.Explain ? new List<(int, RuleTrace)>() : null;
            var active = new List<Active>();
            var byId = new Dictionary<string, Active>(StringComparer.Ordinal);
            var seq = 0;
            for (var rank = 0; rank < layers.Count; rank++)
            {
                foreach (var rule in layers[rank].Rules)
                {
                    var a = new Active(rule, layers[rank], rank, active.Count, seq++);
                    if (Match(a, trace))
                    {
                        active.Add(a);
                        byId[rule.Id] = a;
                    }
                }
            }

            Displace(active, byId);
            return Output(layers, skipped, active, trace);
        }

        private void SelectLayers(List<RuleLayer> layers, List<SkippedAgreement> skipped)
        {
            if (_book.Baseline(plan.HostState) is { } baseline)
            {
                if (baseline.When.PlanMismatch(plan) is { } why)
                {
                    skipped.Add(new SkippedAgreement(baseline.Instrument, "not-applicable", why));
                }
                else
                {
                    layers.Add(baseline);
                    Coverage(baseline);
                }
            }
            else
            {
                _unknowns.Add(new Unknown(RuleLayer.BaselineId(plan.HostState), "baseline",
                    $"no baseline is encoded for {plan.HostState}: its domestic requirements for foreign forces are unknown and need manual research"));
            }

            if (options.BaselineOnly)
            {
                return;
            }

            var agreements = new List<RuleLayer>();
            foreach (var agreement in owner._registry.AgreementsOf(plan.SendingState))
            {
                if (!agreement.IsBetween(plan.SendingState, plan.HostState))
                {
                    continue;
                }

                var layer = _book.LayerOf(agreement.Id);
                if (!AppliesOn(agreement, _lawDate))
                {
                    if (layer is not null)
                    {
                        skipped.Add(new SkippedAgreement(agreement.Id, "not-in-force",
                            $"{agreement.StatusOn(_lawDate).ToName()} on {_lawDate:yyyy-MM-dd}{(agreement.InForce is { } f ? $" (in force from {f})" : "")}"));
                    }

                    continue;
                }

                if (options.Without.Contains(agreement.Id, StringComparer.Ordinal))
                {
                    skipped.Add(new SkippedAgreement(agreement.Id, "switched-off", "switched off (--without)"));
                }
                else if (layer is null)
                {
                    skipped.Add(new SkippedAgreement(agreement.Id, "no-rules", "in force; no access rules encoded"));
                }
                else if (layer.When.PlanMismatch(plan) is { } why)
                {
                    // Leaving out cooperativeActivity must not lose an agreement silently: say what would make it apply.
                    var hint = layer.When.CooperativeActivity == true && !plan.CooperativeActivity &&
                               layer.When.PlanMismatch(plan with { CooperativeActivity = true }) is null
                        ? $"the {layer.DisplayName} would apply if this is a mutually decided cooperative activity (`cooperativeActivity: true`)"
                        : null;
                    skipped.Add(new SkippedAgreement(agreement.Id, "not-applicable", $"in force, but its rules apply only when: {why}", hint));
                }
                else
                {
                    agreements.Add(layer);
                }
            }

            // Lower layers first: a layer above every layer it prevails over (the relation is transitive).
            agreements.Sort((x, y) =>
            {
                var c = agreements.Count(o => _book.Prevails(x.Instrument, o.Instrument)).CompareTo(agreements.Count(o => _book.Prevails(y.Instrument, o.Instrument)));
                return c != 0 ? c : string.CompareOrdinal(x.Instrument, y.Instrument);
            });
            layers.AddRange(agreements);
        }

        /// <summary>
        /// An unknown (<c>coverage</c>) for each element of a kind the host's baseline has no rule for:
        /// its domestic law for that kind is not researched, which is not the same as "nothing to file".
        /// </summary>
        private void Coverage(RuleLayer baseline)
        {
            uint covered = 0;
            foreach (var rule in baseline.Rules)
            {
                covered |= rule.When.KindMask;
            }

            string? host = null;
            foreach (var e in _elements)
            {
                if ((covered & (1u << (int)e.Kind)) == 0)
                {
                    host ??= "in " + owner.StateName(plan.HostState);
                    var kind = RulesVocabulary.ElementKinds[(int)e.Kind];
                    _unknowns.Add(new Unknown(baseline.Instrument, "coverage", $"not researched: {RulesVocabulary.KindNoun(e.Kind)} {host} — settle by hand", e.Id, kind));
                }
            }
        }

        private bool Match(Active a, List<(int Seq, RuleTrace Trace)>? trace)
        {
            var rule = a.Rule;
            if (!rule.IsValidOn(_lawDate))
            {
                trace?.Add((a.Seq, new RuleTrace(rule, a.Layer.Instrument)
                {
                    NotApplicable = rule.ValidFrom is { } from && _lawDate < from
                        ? $"not yet law on {_lawDate:yyyy-MM-dd} (valid from {from:yyyy-MM-dd})"
                        : $"no longer law on {_lawDate:yyyy-MM-dd} (valid until {rule.ValidUntil:yyyy-MM-dd})",
                }));
                return false;
            }

            if (rule.When.PlanMismatch(plan) is { } why)
            {
                trace?.Add((a.Seq, new RuleTrace(rule, a.Layer.Instrument) { NotApplicable = why }));
                return false;
            }

            if (!rule.When.IsElementRule)
            {
                return true;
            }

            // Only elements of the rule's kinds are tried: most rules name one kind of eleven.
            _byKind ??= IndexByKind(_elements);
            var bits = new ulong[_words];
            var any = false;
            var kinds = rule.When.KindMask;
            while (kinds != 0)
            {
                var k = BitOperations.TrailingZeroCount(kinds);
                kinds &= kinds - 1;
                if (k >= _byKind.Length)
                {
                    continue;
                }

                foreach (var i in _byKind[k])
                {
                    if (rule.When.MatchesElement(_elements[i]))
                    {
                        bits[i >> 6] |= 1UL << (i & 63);
                        any = true;
                    }
                }
            }

            if (!any)
            {
                if (trace is not null)
                {
                    var ofKind = _elements.Where(e => (rule.When.KindMask & (1u << (int)e.Kind)) != 0).ToArray();
                    trace.Add((a.Seq, new RuleTrace(rule, a.Layer.Instrument)
                    {
                        NotApplicable = ofKind.Length == 0 ? $"no {Condition.Names(RulesVocabulary.ElementKinds, rule.When.KindMask)} element in the plan" : "no element matches",
                        NotMatched = ofKind.Select(e => (e.Id, rule.When.ElementMismatch(e) ?? "")).ToArray(),
                    }));
                }

                return false;
            }

            a.Matched = bits;
            a.Remaining = (ulong[])bits.Clone();
            return true;
        }

        private static int[][] IndexByKind(PlanElement[] elements)
        {
            var counts = new int[RulesVocabulary.ElementKinds.Count];
            foreach (var e in elements)
            {
                counts[(int)e.Kind]++;
            }

            var index = new int[counts.Length][];
            for (var k = 0; k < counts.Length; k++)
            {
                index[k] = new int[counts[k]];
                counts[k] = 0;
            }

            for (var i = 0; i < elements.Length; i++)
            {
                var k = (int)elements[i].Kind;
                index[k][counts[k]++] = i;
            }

            return index;
        }

        private void Displace(List<Active> active, Dictionary<string, Active> byId)
        {
            List<Active>? displacers = null;
            foreach (var target in active)
            {
                var named = _book.DisplacersOf(target.Rule.Id);
                if (named.Count == 0)
                {
                    continue;
                }

                displacers ??= [];
                displacers.Clear();
                foreach (var rule in named)
                {
                    if (byId.TryGetValue(rule.Id, out var d) && d.Rank != target.Rank)
                    {
                        displacers.Add(d);
                    }
                }

                if (displacers.Count == 0)
                {
                    continue;
                }

                // Highest layer first; within a layer, file order.
                displacers.Sort((x, y) => x.Rank != y.Rank ? y.Rank.CompareTo(x.Rank) : x.Order.CompareTo(y.Order));
                if (target.Matched is null)
                {
                    var winner = displacers[0];
                    Record(target, winner, null);
                    target.PlanRemaining = false;
                    for (var k = 1; k < displacers.Count; k++)
                    {
                        if (displacers[k].Rank == winner.Rank)
                        {
                            Conflict(target, winner, displacers[k]);
                        }
                    }

                    continue;
                }

                var taken = new List<(Active By, ulong[] Part)>();
                foreach (var d in displacers)
                {
                    var part = new ulong[_words];
                    var any = false;
                    for (var w = 0; w < _words; w++)
                    {
                        var mine = target.Matched[w] & (d.Matched?[w] ?? ulong.MaxValue);
                        foreach (var (by, earlier) in taken)
                        {
                            var overlap = mine & earlier[w];
                            if (overlap != 0)
                            {
                                if (by.Rank == d.Rank)
                                {
                                    Conflict(target, by, d);
                                }
                                else if (d.Rule.Effect == EffectKind.Replace && d.Remaining is not null)
                                {
                                    // A lower layer's replacement gives way where a higher layer decided.
                                    d.Remaining[w] &= ~overlap;
                                    var suppressed = new ulong[_words];
                                    suppressed[w] = overlap;
                                    Record(d, by, suppressed);
                                }
                            }

                            mine &= ~earlier[w];
                        }

                        part[w] = mine;
                        any |= mine != 0;
                    }

                    if (any)
                    {
                        for (var w = 0; w < _words; w++)
                        {
                            target.Remaining![w] &= ~part[w];
                        }

                        Record(target, d, part);
                        taken.Add((d, part));
                    }
                }
            }
        }

        private static void Record(Active target, Active by, ulong[]? part)
        {
            target.DisplacedBy ??= [];
            by.Displacing ??= [];
            if (part is not null)
            {
                // Merge with an earlier record of the same pair (a suppressed replacement may be recorded word by word).
                for (var i = 0; i < target.DisplacedBy.Count; i++)
                {
                    if (ReferenceEquals(target.DisplacedBy[i].By, by) && target.DisplacedBy[i].Part is { } existing && !ReferenceEquals(existing, part))
                    {
                        for (var w = 0; w < existing.Length; w++)
                        {
                            existing[w] |= part[w];
                        }

                        return;
                    }
                }
            }

            target.DisplacedBy.Add((by, part));
            by.Displacing.Add((target, part));
        }

        private void Conflict(Active target, Active a, Active b) =>
            _unknowns.Add(new Unknown(target.Rule.Id, "conflict",
                $"'{a.Rule.Id}' and '{b.Rule.Id}' both displace '{target.Rule.Id}' here with no order between them: the result needs legal review"));

        private Assessment Output(List<RuleLayer> layers, List<SkippedAgreement> skipped, List<Active> active, List<(int Seq, RuleTrace Trace)>? trace)
        {
            var requirements = new List<Requirement>();
            var displaced = new List<DisplacedRequirement>();
            var prohibitions = new List<Prohibition>();
            var notes = new List<Note>();
            foreach (var a in active)
            {
                var rule = a.Rule;
                var remains = a.Remaining is null ? a.PlanRemaining : Any(a.Remaining);
                string? outcome = null;
                switch (rule.Effect)
                {
                    case EffectKind.Require or EffectKind.Replace when remains:
                        var req = Requirement(a);
                        requirements.Add(req);
                        outcome = trace is null ? null // the outcome text is for --explain only
                            : $"requires {req.Count} × {req.Kind} ({req.Per}) from {req.Authority}; " +
                              (req.Deadline is { } d ? $"deadline {d:yyyy-MM-dd} ({LeadText(req)}){(req.Overdue ? ", overdue" : "")}" : "deadline unknown");
                        break;
                    case EffectKind.Prohibit when remains:
                        var elements = Ids(a.Remaining);
                        prohibitions.Add(new Prohibition(rule.Id, a.Layer.Instrument, rule.Title, rule.Reason!, Basis.Of(rule.Citation), ConfidenceName(rule), elements));
                        outcome = trace is null ? null : "prohibits" + (elements.Count > 0 ? " " + string.Join(", ", elements) : " the activity");
                        break;
                    case EffectKind.Inform when remains:
                        notes.Add(new Note(rule.Id, a.Layer.Instrument, rule.Topic!, rule.Title, rule.Text!, Basis.Of(rule.Citation), ConfidenceName(rule)));
                        outcome = trace is null ? null : $"note ({rule.Topic})";
                        break;
                    case EffectKind.Waive:
                        outcome = a.Displacing is { Count: > 0 } ? null : "displaces nothing here (the rules it names do not apply)";
                        break;
                    default:
                        outcome = "nothing left after displacement";
                        break;
                }

                foreach (var (by, part) in a.DisplacedBy ?? [])
                {
                    displaced.Add(new DisplacedRequirement(
                        rule.Id,
                        a.Layer.Instrument,
                        rule.Effect switch { EffectKind.Prohibit => "prohibition", EffectKind.Inform => "note", _ => rule.Require?.Kind ?? "requirement" },
                        rule.Title,
                        rule.Require is { } spec && rule.Effect is EffectKind.Require or EffectKind.Replace ? Units(part, spec.Per) : 0,
                        Ids(part),
                        by.Rule.Id,
                        by.Layer.Instrument,
                        by.Rule.EffectName,
                        Basis.Of(by.Rule.Citation),
                        ConfidenceName(by.Rule)));
                }

                trace?.Add((a.Seq, Trace(a, outcome)));
            }

            requirements.Sort((x, y) =>
            {
                var c = (x.Deadline ?? DateOnly.MaxValue).CompareTo(y.Deadline ?? DateOnly.MaxValue);
                c = c != 0 ? c : string.CompareOrdinal(x.Authority, y.Authority);
                return c != 0 ? c : string.CompareOrdinal(x.Rule, y.Rule);
            });

            var assumptions = _parameters.Values
                .Select(p => new Assumption(p.Parameter.Name, p.Parameter.Label, p.Parameter.LeadTime.ToString(), p.Parameter.Basis, p.Parameter.File, p.Rules))
                .OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
            if (_workingDaysUsed)
            {
                var years = requirements.Where(r => r.LeadTime.WorkingDays is not null && r.Deadline is not null)
                    .SelectMany(r => new[] { r.Deadline!.Value.Year, plan.Start.Year }).Distinct().Order().ToArray();
                var uncovered = years.Where(y => !_calendar.CoversYear(y)).ToArray();
                if (uncovered.Length > 0)
                {
                    var host = plan.HostState;
                    assumptions.Add(new Assumption($"holidays.{host}",
                        $"no public holidays of {host} are recorded for {string.Join(", ", uncovered)}: working days skip weekends only",
                        "weekends only",
                        $"data/{RuleBook.HolidaysFolder}/{host}.yaml {(_book.HasHolidays(host) ? "does not cover these years" : "does not exist")}",
                        null,
                        requirements.Where(r => r.LeadTime.WorkingDays is not null).Select(r => r.Rule).ToArray()));
                }
            }

            return new Assessment
            {
                Plan = new PlanView(plan.Name, plan.File, plan.SendingState, plan.HostState, RulesVocabulary.Purposes[(int)plan.Purpose],
                    plan.CooperativeActivity, plan.Start, plan.End, _elements.Length,
                    Personnel()),
                MadeOn = _today,
                LawDate = _lawDate,
                Instruments = layers.Select(l => new InstrumentView(l.Instrument, l.Kind == LayerKind.Baseline ? "baseline" : "agreement",
                    l.DisplayName, l.Url ?? (l.Agreement is { Sources.Count: > 0 } ag ? ag.Sources[0].Url : null), l.Agreement?.Hypothetical ?? false)).ToArray(),
                Skipped = skipped,
                Requirements = requirements,
                Displaced = displaced,
                Prohibitions = prohibitions,
                Notes = notes,
                Unknowns = _unknowns,
                Assumptions = assumptions,
                Summary = Summarize(requirements, prohibitions.Count),
                Trace = trace?.OrderBy(t => t.Seq).Select(t => t.Trace).ToArray(),
            };
        }

        private long Personnel()
        {
            long total = 0;
            foreach (var e in _elements)
            {
                if (e.Kind == ElementKind.Personnel)
                {
                    total = e.Count > long.MaxValue - total ? throw Overflow($"the plan's personnel, at element '{e.Id}'") : total + e.Count;
                }
            }

            return total;
        }

        private Summary Summarize(List<Requirement> requirements, int prohibitions)
        {
            long filings = 0;
            int? longestKnown = null;
            DateOnly? earliest = null;
            var unknownLeadTimes = 0;
            var overdue = 0;
            var authorities = new HashSet<string>(StringComparer.Ordinal);
            var fees = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            List<string>? infeasible = null;
            foreach (var r in requirements)
            {
                try
                {
                    filings = checked(filings + r.Count);
                    if (r.Fee is { Unknown: false, Currency: { } currency, Total: { } total })
                    {
                        fees[currency] = fees.GetValueOrDefault(currency) + total; // decimal overflow throws
                    }
                }
                catch (OverflowException)
                {
                    throw Overflow($"the summary's totals (filings or fees), at requirement '{r.Rule}'");
                }

                authorities.Add(r.Authority);
                if (r.LeadDays is not { } days)
                {
                    unknownLeadTimes++;
                }
                else if (longestKnown is null || days > longestKnown)
                {
                    longestKnown = days;
                }

                if (r.Deadline is { } d && (earliest is null || d < earliest))
                {
                    earliest = d;
                }

                if (r.Overdue)
                {
                    overdue++;
                    if (r.Kind == "regime")
                    {
                        (infeasible ??= []).Add($"{r.Rule}: '{r.Title}' takes at least {AssessmentExports.LeadTime(r)} and had to begin by {r.Deadline:yyyy-MM-dd}; " +
                                                $"on {_today:yyyy-MM-dd} it can no longer be completed by arrival on {plan.Start:yyyy-MM-dd}");
                    }
                }
            }

            if (_today > plan.Start && requirements.Count > 0)
            {
                (infeasible ??= []).Add($"the activity starts on {plan.Start:yyyy-MM-dd}, before the day of this assessment ({_today:yyyy-MM-dd}): filings due before arrival can no longer be made in time");
            }

            var knownOnly = earliest is { } e ? _calendar.OnOrBefore(e) : (DateOnly?)null;
            return new Summary(
                filings,
                authorities.Count,
                unknownLeadTimes == 0 ? longestKnown : null,
                longestKnown,
                unknownLeadTimes,
                unknownLeadTimes == 0 ? knownOnly : null,
                knownOnly,
                overdue,
                infeasible is null,
                infeasible ?? [],
                _unknowns.Count,
                prohibitions,
                fees.Select(f => new FeeTotal(f.Key, f.Value)).ToArray());
        }

        /// <summary>The coded diagnostic <see cref="DiagnosticCodes.CountOverflow"/> naming <paramref name="what"/> overflowed.</summary>
        private DiagnosticException Overflow(string what) => new(
        [
            Diagnostic.Error(DiagnosticCodes.CountOverflow,
                $"counts × multiplicities overflow in {what}: the result does not fit in a 64-bit number. Check the counts, entries and port calls of the plan's elements",
                plan.File),
        ]);

        private Requirement Requirement(Active a)
        {
            var rule = a.Rule;
            var spec = rule.Require!;
            var count = a.Remaining is null ? 1 : Units(a.Remaining, spec.Per);
            var lead = spec.LeadTime;
            string? parameter = null;
            if (lead.Kind == LeadTimeKind.Parameter)
            {
                parameter = lead.Parameter;
                if (_book.Parameters.Find(lead.Parameter!) is { } p)
                {
                    if (!_parameters.TryGetValue(p.Name, out var used))
                    {
                        used = (p, []);
                        _parameters[p.Name] = used;
                    }

                    used.Rules.Add(rule.Id);
                    lead = p.LeadTime;
                }
                else
                {
                    lead = LeadTime.Unknown;
                }
            }

            DateOnly? deadline = null;
            int? leadDays = null;
            switch (lead.Kind)
            {
                case LeadTimeKind.Days:
                    deadline = plan.Start.AddDays(-lead.Value);
                    leadDays = lead.Value;
                    break;
                case LeadTimeKind.WorkingDays:
                    deadline = _calendar.WorkingDaysBefore(plan.Start, lead.Value);
                    leadDays = plan.Start.DayNumber - deadline.Value.DayNumber;
                    _workingDaysUsed = true;
                    break;
                default:
                    _unknowns.Add(new Unknown(rule.Id, "leadTime", parameter is null
                        ? $"no source gives the lead time for '{rule.Title}': ask {spec.Authority} and enter it manually"
                        : $"the planning parameter '{parameter}' is not defined: define it or enter the lead time manually"));
                    break;
            }

            FeeView? fee = null;
            if (spec.Fee is { } f)
            {
                if (f.Unknown)
                {
                    fee = new FeeView(null, null, null, true);
                    _unknowns.Add(new Unknown(rule.Id, "fee", $"a fee is payable for '{rule.Title}' but its amount is not known: ask {spec.Authority}"));
                }
                else
                {
                    try
                    {
                        fee = new FeeView(f.Amount, f.Currency, f.Amount * count, false);
                    }
                    catch (OverflowException)
                    {
                        throw Overflow($"the fee of '{rule.Id}' ({count} × {RuleLoader.Amount(f.Amount)} {f.Currency})");
                    }
                }
            }

            return new Requirement(
                rule.Id,
                a.Layer.Instrument,
                spec.Kind,
                rule.Title,
                spec.Authority,
                count,
                RulesVocabulary.Multiplicities[(int)spec.Per],
                new LeadTimeView(lead.Kind == LeadTimeKind.Days ? lead.Value : null, lead.Kind == LeadTimeKind.WorkingDays ? lead.Value : null,
                    lead.Kind == LeadTimeKind.Unknown, parameter),
                leadDays,
                deadline,
                deadline < _today,
                fee,
                Basis.Of(rule.Citation),
                ConfidenceName(rule),
                Ids(a.Remaining),
                rule.Effect == EffectKind.Replace ? rule.Displaces : [],
                rule.Note);
        }

        private RuleTrace Trace(Active a, string? outcome)
        {
            var rule = a.Rule;
            var per = rule.Require?.Per ?? Multiplicity.Item;
            var matched = new List<(string, long)>();
            var notMatched = new List<(string, string)>();
            if (a.Matched is not null)
            {
                for (var i = 0; i < _elements.Length; i++)
                {
                    var e = _elements[i];
                    if ((a.Matched[i >> 6] & (1UL << (i & 63))) != 0)
                    {
                        matched.Add((e.Id, e.Units(per)));
                    }
                    else if ((rule.When.KindMask & (1u << (int)e.Kind)) != 0)
                    {
                        notMatched.Add((e.Id, rule.When.ElementMismatch(e) ?? ""));
                    }
                }
            }

            return new RuleTrace(rule, a.Layer.Instrument)
            {
                Matched = matched,
                NotMatched = notMatched,
                DisplacedBy = (a.DisplacedBy ?? []).Select(x => (x.By.Rule.Id, Ids(x.Part))).ToArray(),
                Displacing = (a.Displacing ?? []).Select(x => (x.Target.Rule.Id, Ids(x.Part))).ToArray(),
                Outcome = outcome,
            };
        }

        private long Units(ulong[]? bits, Multiplicity per)
        {
            if (bits is null || per == Multiplicity.Plan)
            {
                return 1;
            }

            long total = 0;
            for (var w = 0; w < bits.Length; w++)
            {
                var word = bits[w];
                while (word != 0)
                {
                    var i = (w << 6) + BitOperations.TrailingZeroCount(word);
                    try
                    {
                        total = checked(total + _elements[i].Units(per));
                    }
                    catch (OverflowException)
                    {
                        throw Overflow($"the {RulesVocabulary.Multiplicities[(int)per]} count, at element '{_elements[i].Id}'");
                    }
                    word &= word - 1;
                }
            }

            return total;
        }

        private IReadOnlyList<string> Ids(ulong[]? bits)
        {
            if (bits is null)
            {
                return [];
            }

            var count = 0;
            foreach (var word in bits)
            {
                count += BitOperations.PopCount(word);
            }

            var ids = new string[count];
            var k = 0;
            for (var w = 0; w < bits.Length; w++)
            {
                var word = bits[w];
                while (word != 0)
                {
                    ids[k++] = _elements[(w << 6) + BitOperations.TrailingZeroCount(word)].Id;
                    word &= word - 1;
                }
            }

            return ids;
        }

        private static bool Any(ulong[] bits)
        {
            foreach (var word in bits)
            {
                if (word != 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static string ConfidenceName(Rule rule) => rule.Confidence.ToString().ToLowerInvariant();

        private static string LeadText(Requirement r) =>
            (r.LeadTime.Days is { } d ? (d == 1 ? "1 day" : $"{d} days") : r.LeadTime.WorkingDays is { } w ? (w == 1 ? "1 working day" : $"{w} working days") : "unknown") +
            (r.LeadTime.Parameter is { } p ? $", assumed: parameter {p}" : "");
    }
}
