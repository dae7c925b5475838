using System.Numerics;

namespace Trellis.Rules;

public sealed partial class Assessor
{
    private sealed partial class Evaluation
    {
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
            var bits = ElementSet.Empty(_elements.Length);
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
                        bits.Add(i);
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
            a.Remaining = bits.Clone();
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
    }
}
