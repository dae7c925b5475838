using Trellis.Diagnostics;

namespace Trellis.Rules;

public sealed partial class Assessor
{
    /// <summary>
    /// One evaluation of one plan: the state of the algorithm, kept off the shared instance. Its steps,
    /// one file each under <c>Rules/Evaluation/</c>: LayerSelection (which instruments apply),
    /// Matching (which elements each rule matches), Displacement (waive and replace, layer by layer),
    /// Requirements (the output lines and the summary) and Trace (the explanation).
    /// </summary>
    private sealed partial class Evaluation(Assessor owner, ActivityPlan plan, AssessOptions options)
    {
        private readonly RuleBook _book = owner._book;
        private readonly PlanElement[] _elements = plan.Elements as PlanElement[] ?? [.. plan.Elements];
        private int[][]? _byKind;
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
            /// <summary>The elements matched; <see cref="ElementSet.IsNone"/> for a plan rule.</summary>
            public ElementSet Matched { get; set; }

            /// <summary>What remains after displacement; <see cref="ElementSet.IsNone"/> for a plan rule (then <see cref="PlanRemaining"/>).</summary>
            public ElementSet Remaining { get; set; }

            public bool PlanRemaining { get; set; } = true;

            /// <summary>Who displaced which part of this rule (the part is none when a plan rule was displaced as a whole).</summary>
            public List<(Active By, ElementSet Part)>? DisplacedBy { get; set; }

            public List<(Active Target, ElementSet Part)>? Displacing { get; set; }
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


        /// <summary>The filings <paramref name="set"/> counts for <paramref name="per"/>: 1 for no set or <c>per: plan</c>; checked (an overflow is <see cref="DiagnosticCodes.CountOverflow"/>).</summary>
        private long Units(ElementSet set, Multiplicity per)
        {
            if (set.IsNone || per == Multiplicity.Plan)
            {
                return 1;
            }

            long total = 0;
            foreach (var i in set)
            {
                try
                {
                    total = checked(total + _elements[i].Units(per));
                }
                catch (OverflowException)
                {
                    throw Overflow($"the {RulesVocabulary.Multiplicities[(int)per]} count, at element '{_elements[i].Id}'");
                }
            }

            return total;
        }

        /// <summary>The ids of the elements of <paramref name="set"/>, in plan order; empty for no set.</summary>
        private IReadOnlyList<string> Ids(ElementSet set)
        {
            if (set.IsNone)
            {
                return [];
            }

            var ids = new string[set.Count()];
            var k = 0;
            foreach (var i in set)
            {
                ids[k++] = _elements[i].Id;
            }

            return ids;
        }

        private static string ConfidenceName(Rule rule) => rule.Confidence.ToString().ToLowerInvariant();
    }
}
