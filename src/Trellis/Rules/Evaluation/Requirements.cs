using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Rules;

public sealed partial class Assessor
{
    private sealed partial class Evaluation
    {
        /// <summary>
        /// The agreements in force that admit the forces and govern their status (a SOFA, VFA, RAA or access agreement)
        /// but whose rules are not encoded: one may be the treaty that lifts an <see cref="Rule.UnlessTreaty"/> bar.
        /// An equipment or information agreement never is.
        /// </summary>
        private string? UnencodedStatusAgreements(List<SkippedAgreement> skipped) =>
            skipped.Where(x => x.Reason == "no-rules" && owner._registry.FindAgreement(x.Id)?.Type.LayerOf() == Layer.Access)
                .Select(x => x.Id).ToList() is { Count: > 0 } ids ? string.Join(", ", ids) : null;

        private Assessment Output(List<RuleLayer> layers, List<SkippedAgreement> skipped, List<Active> active, List<(int Seq, RuleTrace Trace)>? trace)
        {
            var requirements = new List<Requirement>();
            var displaced = new List<DisplacedRequirement>();
            var prohibitions = new List<Prohibition>();
            var notes = new List<Note>();
            foreach (var a in active)
            {
                var rule = a.Rule;
                var remains = a.Remaining.IsNone ? a.PlanRemaining : a.Remaining.Any();
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
                    case EffectKind.Prohibit when remains && rule.UnlessTreaty && UnencodedStatusAgreements(skipped) is { } treaties:
                        // The agreement in force without encoded rules may be the treaty that lifts the bar: we cannot tell.
                        _unknowns.Add(new Unknown(rule.Id, "treaty",
                            $"{rule.Title}: in force but without encoded rules: {treaties} — check that one covers this activity; without a treaty basis it is barred ({rule.Reason})"));
                        outcome = trace is null ? null : $"an unknown, not a prohibition: in force without encoded rules: {treaties}";
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
                .Select(p => new Assumption(p.Parameter.Name, p.Parameter.Label, p.Parameter.LeadTime.ToString(), p.Parameter.Basis, p.Parameter.File, p.Rules, p.Parameter.Confidence.ToString().ToLowerInvariant()))
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
                    Personnel()) { UnitedNationsCommand = plan.UnitedNationsCommand },
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

        /// <summary>
        /// The day the deadlines of a requirement count from: the earliest arrival of the elements it concerns (an element
        /// without <c>arrives</c> arrives on the plan's start); the plan's start for a plan-level rule.
        /// </summary>
        private DateOnly FirstDay(ElementSet elements)
        {
            if (elements.IsNone)
            {
                return plan.Start;
            }

            var first = DateOnly.MaxValue;
            foreach (var i in elements)
            {
                var day = _elements[i].Arrives ?? plan.Start;
                if (day < first)
                {
                    first = day;
                }
            }

            return first == DateOnly.MaxValue ? plan.Start : first;
        }

        private Requirement Requirement(Active a)
        {
            var rule = a.Rule;
            var spec = rule.Require!;
            var count = a.Remaining.IsNone ? 1 : Units(a.Remaining, spec.Per);
            var lead = spec.LeadTime;
            string? parameter = null;
            var confidence = rule.Confidence;
            if (lead.Kind == LeadTimeKind.Parameter)
            {
                parameter = lead.Parameter;
                if (_book.Parameters.Find(lead.Parameter!) is { } p)
                {
                    // A requirement is never more confident than the assumption its deadline rests on.
                    confidence = (Confidence)Math.Min((int)confidence, (int)p.Confidence);
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
            var firstDay = FirstDay(a.Remaining);
            switch (lead.Kind)
            {
                case LeadTimeKind.Days:
                    deadline = firstDay.AddDays(-lead.Value);
                    leadDays = lead.Value;
                    break;
                case LeadTimeKind.WorkingDays:
                    deadline = _calendar.WorkingDaysBefore(firstDay, lead.Value);
                    leadDays = firstDay.DayNumber - deadline.Value.DayNumber;
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
                confidence.ToString().ToLowerInvariant(),
                Ids(a.Remaining),
                rule.Effect == EffectKind.Replace ? rule.Displaces : [],
                rule.Note);
        }
    }
}
