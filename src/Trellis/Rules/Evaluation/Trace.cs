using System.Numerics;

namespace Trellis.Rules;

public sealed partial class Assessor
{
    private sealed partial class Evaluation
    {
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


        private static string LeadText(Requirement r) =>
            (r.LeadTime.Days is { } d ? (d == 1 ? "1 day" : $"{d} days") : r.LeadTime.WorkingDays is { } w ? (w == 1 ? "1 working day" : $"{w} working days") : "unknown") +
            (r.LeadTime.Parameter is { } p ? $", assumed: parameter {p}" : "");
    }
}
