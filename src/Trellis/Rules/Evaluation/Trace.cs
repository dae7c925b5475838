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
            if (!a.Matched.IsNone)
            {
                for (var i = 0; i < _elements.Length; i++)
                {
                    var e = _elements[i];
                    if (a.Matched.Contains(i))
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

        private static string LeadText(Requirement r) =>
            (r.LeadTime.Days is { } d ? (d == 1 ? "1 day" : $"{d} days") : r.LeadTime.WorkingDays is { } w ? (w == 1 ? "1 working day" : $"{w} working days") : "unknown") +
            (r.LeadTime.Parameter is { } p ? $", assumed: parameter {p}" : "");
    }
}
