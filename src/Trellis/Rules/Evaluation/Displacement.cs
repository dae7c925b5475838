
namespace Trellis.Rules;

public sealed partial class Assessor
{
    private sealed partial class Evaluation
    {
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
                if (target.Matched.IsNone)
                {
                    var winner = displacers[0];
                    Record(target, winner, default);
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

                var taken = new List<(Active By, ElementSet Part)>();
                foreach (var d in displacers)
                {
                    var part = ElementSet.Empty(_elements.Length);
                    var any = false;
                    for (var w = 0; w < part.Words; w++)
                    {
                        var mine = target.Matched[w] & (d.Matched.IsNone ? ulong.MaxValue : d.Matched[w]);
                        foreach (var (by, earlier) in taken)
                        {
                            var overlap = mine & earlier[w];
                            if (overlap != 0)
                            {
                                if (by.Rank == d.Rank)
                                {
                                    Conflict(target, by, d);
                                }
                                else if (d.Rule.Effect == EffectKind.Replace && !d.Remaining.IsNone)
                                {
                                    // A lower layer's replacement gives way where a higher layer decided.
                                    var remaining = d.Remaining; // a copy of the set shares its words
                                    remaining[w] &= ~overlap;
                                    var suppressed = ElementSet.Empty(_elements.Length);
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
                        var left = target.Remaining;
                        for (var w = 0; w < part.Words; w++)
                        {
                            left[w] &= ~part[w];
                        }

                        Record(target, d, part);
                        taken.Add((d, part));
                    }
                }
            }
        }

        private static void Record(Active target, Active by, ElementSet part)
        {
            target.DisplacedBy ??= [];
            by.Displacing ??= [];
            if (!part.IsNone)
            {
                // Merge with an earlier record of the same pair (a suppressed replacement may be recorded word by word).
                for (var i = 0; i < target.DisplacedBy.Count; i++)
                {
                    if (ReferenceEquals(target.DisplacedBy[i].By, by) && target.DisplacedBy[i].Part is { IsNone: false } existing && !existing.SameAs(part))
                    {
                        existing.UnionWith(part);
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
    }
}
