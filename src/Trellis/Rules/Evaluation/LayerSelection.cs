using Trellis.Registry;

namespace Trellis.Rules;

public sealed partial class Assessor
{
    private sealed partial class Evaluation
    {
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
                var noRules = "in force; no access rules encoded";
                if (layer is not null && agreement.AdmitsForcesInto(plan.SendingState, plan.HostState) && !layer.Hosts.Contains(plan.HostState, StringComparer.Ordinal))
                {
                    // An agreement encoded for some of its hosts only (the NATO SOFA, for the United States) still admits the
                    // forces into the others: it is not "the other direction", its rules for this host are just not encoded.
                    noRules = $"in force; its access rules are encoded for {string.Join(", ", layer.Hosts.Select(owner.StateName))} as host only";
                    layer = null;
                }

                if (!agreement.AdmitsForcesInto(plan.SendingState, plan.HostState) || (layer is not null && !layer.IsFor(plan.SendingState, plan.HostState)))
                {
                    // An agreement applies only in the direction it admits forces (as for `trellis reach`): the US–Japan
                    // SOFA gives Japanese forces nothing in the United States.
                    if (layer is not null || AppliesOn(agreement, _lawDate))
                    {
                        skipped.Add(new SkippedAgreement(agreement.Id, "other-direction", owner.DirectionOf(agreement, layer)));
                    }

                    continue;
                }

                if (!AppliesOn(agreement, _lawDate))
                {
                    if (layer is not null)
                    {
                        skipped.Add(new SkippedAgreement(agreement.Id, "not-in-force", NotInForce(agreement)));
                    }

                    continue;
                }

                if (options.Without.Contains(agreement.Id, StringComparer.Ordinal))
                {
                    skipped.Add(new SkippedAgreement(agreement.Id, "switched-off", "switched off (--without)"));
                }
                else if (layer is null)
                {
                    skipped.Add(new SkippedAgreement(agreement.Id, "no-rules", noRules));
                }
                else if (layer.When.PlanMismatch(plan) is { } why)
                {
                    // Leaving out cooperativeActivity (or unitedNationsCommand) must not lose an agreement silently: say what would make it apply.
                    // A plan set as one of the two (TRL212 keeps them apart) is not told about the other.
                    var hint = layer.When.CooperativeActivity == true && !plan.CooperativeActivity && !plan.UnitedNationsCommand &&
                               layer.When.PlanMismatch(plan with { CooperativeActivity = true, UnitedNationsCommand = false }) is null
                        ? $"the {layer.DisplayName} would apply if this is a mutually decided cooperative activity (`cooperativeActivity: true`)"
                        : layer.When.UnitedNationsCommand == true && !plan.UnitedNationsCommand && !plan.CooperativeActivity &&
                          layer.When.PlanMismatch(plan with { UnitedNationsCommand = true, CooperativeActivity = false }) is null
                            ? $"the {layer.DisplayName} would apply if this is an activity of United Nations forces under the United Nations Command (`unitedNationsCommand: true`)"
                            : null;
                    skipped.Add(new SkippedAgreement(agreement.Id, "not-applicable", $"in force, but not applicable here: {why}", hint));
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
        /// Why an agreement is not in force on the law date, with its own dates — "not in force on 2023-08-12
        /// (signed 2022-01-06; in force from 2023-08-13)" — never the law date passed off as a signature date.
        /// </summary>
        private string NotInForce(Agreement agreement)
        {
            var dates = new List<string>();
            if (agreement.StatusOn(_lawDate) == AgreementStatus.Negotiating)
            {
                dates.Add(agreement.NegotiatingSince is { } n ? $"under negotiation since {n}" : "under negotiation");
            }

            if (agreement.Signed is { } signed && signed.IsOnOrBefore(_lawDate))
            {
                dates.Add($"signed {signed}");
            }

            if (agreement.InForce is { } inForce)
            {
                dates.Add(inForce.IsOnOrBefore(_lawDate) ? $"in force {inForce}" : $"in force from {inForce}");
            }

            if (agreement.Ended is { } ended)
            {
                dates.Add($"ended {ended}");
            }

            return $"not in force on {_lawDate:yyyy-MM-dd}" + (dates.Count > 0 ? $" ({string.Join("; ", dates)})" : "");
        }

        /// <summary>
        /// An unknown (<c>coverage</c>) for each element of a kind the host's baseline has no rule for:
        /// its domestic law for that kind is not researched, which is not the same as "nothing to file".
        /// </summary>
        private void Coverage(RuleLayer baseline)
        {
            var covered = CoverageMatrix.CoveredKinds(baseline);
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
    }
}
