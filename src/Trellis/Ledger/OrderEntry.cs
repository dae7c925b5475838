using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Ledger.Terms;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Ledger;

/// <summary>The entry check's answer: the order (null when refused) and every diagnostic, errors and warnings, at once.</summary>
public sealed record OrderEntryResult(Order? Order, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Refused => Order is null;
}

/// <summary>
/// Checks an order at entry against the agreement it rests on (issue 12 §2; docs/logistics.md#ledger) and reports every
/// problem at once, each with a TRL code and the field it is in:
/// <list type="bullet">
/// <item>the minimum data elements (TRL510) and values an order cannot have (TRL502, TRL519, TRL520);</item>
/// <item>the governing agreement: a logistics agreement between the two states, in force on the order date (TRL511);</item>
/// <item>the situation: refused when the agreement's complete list lacks it (TRL515), flagged when unknown (TRL517);</item>
/// <item>each line's category: refused when excluded, by the agreement or the supplier's own law, with the citation
/// (TRL512), or covered only in other situations (TRL516); flagged when unknown (TRL513);</item>
/// <item>the settlement method: refused when not allowed for a line's kind (TRL514), flagged when unknown (TRL518).</item>
/// </list>
/// A flagged order is accepted, and cannot settle until a legal adviser clears the flags.
/// </summary>
public static class OrderEntry
{
    /// <summary>
    /// The ledger's rounding rule for a line's value (quantity × unit price) and each delivered part: half away from
    /// zero, at the currency's minor units. A planning choice, not law: no source read gives the agreements' rule.
    /// </summary>
    public const RoundingRule Rounding = RoundingRule.HalfAwayFromZero;

    /// <summary>The largest quantity, unit price and line value accepted (a typo guard, and far from decimal's limits).</summary>
    public const decimal MaxValue = 1_000_000_000_000m;

    public static OrderEntryResult Check(OrderDraft draft, AgreementRegistry registry, LogisticsTermsBook book, Guid? id = null)
    {
        var d = new List<Diagnostic>();
        var flags = new List<ReviewFlag>();

        void Missing(string field, string what) =>
            d.Add(Diagnostic.Error(DiagnosticCodes.OrderElementMissing, $"the order has no {what}: every order needs it (minimum data elements)", field));

        void Invalid(string field, string message) => d.Add(Diagnostic.Error(DiagnosticCodes.InvalidOrderValue, message, field));

        void Flag(string code, string field, string reason)
        {
            d.Add(Diagnostic.Warning(code, $"{reason}: accepted for review by a legal adviser; the order cannot settle until the flag is cleared", field));
            flags.Add(new(code, field, reason));
        }

        // ---- minimum data elements and values ---------------------------------------------------
        if (string.IsNullOrWhiteSpace(draft.Agreement))
        {
            Missing("agreement", "governing agreement");
        }

        if (draft.Requesting is null)
        {
            Missing("requestingOrg", "requesting organisation");
        }

        if (draft.Supplying is null)
        {
            Missing("supplyingOrg", "supplying organisation");
        }

        if (draft.Requesting is { } r && draft.Supplying is { } s)
        {
            if (string.Equals(r.State, s.State, StringComparison.OrdinalIgnoreCase))
            {
                Invalid("supplyingOrg", $"the requesting and supplying organisations are both of {r.State}: an order under a logistics agreement is between two states");
            }

            foreach (var (org, field) in new[] { (r, "requestingOrg"), (s, "supplyingOrg") })
            {
                if (!registry.HasState(org.State.ToUpperInvariant()))
                {
                    Invalid(field, $"'{org.State}' is not a state of the registry: use ISO 3166-1 alpha-3 (JPN, GBR)");
                }
            }
        }

        if (draft.Date is null)
        {
            Missing("date", "order date");
        }

        var situation = draft.Situation?.Situation;
        if (string.IsNullOrWhiteSpace(situation))
        {
            Missing("situation", "situation (the activity it supports: training, humanitarian-relief…)");
            situation = null;
        }
        else if (!LogisticsVocabulary.Situations.Contains(situation))
        {
            d.Add(Diagnostic.Error(DiagnosticCodes.UnknownLogisticsTerm, $"'{situation}' is not a logistics situation: use one of {string.Join(", ", LogisticsVocabulary.Situations)}", "situation"));
            situation = null;
        }

        if (draft.Situation?.ExerciseId is { } exercise && !registry.Exercises.Any(e => e.Id == exercise))
        {
            Invalid("situation.exercise", $"'{exercise}' is not an exercise of the registry");
        }

        var method = draft.Settlement;
        if (string.IsNullOrWhiteSpace(method))
        {
            Missing("settlement", "settlement method");
            method = null;
        }
        else if (!LogisticsVocabulary.SettlementMethods.Contains(method))
        {
            d.Add(Diagnostic.Error(DiagnosticCodes.UnknownLogisticsTerm, $"'{method}' is not a settlement method: use one of {string.Join(", ", LogisticsVocabulary.SettlementMethods)}", "settlement"));
            method = null;
        }

        var officials = draft.Officials ?? [];
        if (!officials.Any(o => o.Side == OrderSide.Requesting && !string.IsNullOrWhiteSpace(o.UserId)))
        {
            Missing("officials", "authorised official of the requesting side");
        }

        var lines = draft.Lines ?? [];
        if (lines.Count == 0)
        {
            Missing("lines", "line items");
        }

        var checkedLines = new List<(int Number, string Category, string Kind, string Description, decimal Quantity, string Unit, decimal Price, Currency Currency, Money Amount)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"lines[{i + 1}]";
            var ok = true;
            bool Need(bool present, string field, string what)
            {
                if (!present)
                {
                    Missing($"{at}.{field}", $"{what} on line {i + 1}");
                    ok = false;
                }

                return present;
            }

            string? category = null;
            if (Need(!string.IsNullOrWhiteSpace(line.Category), "category", "category"))
            {
                if (LogisticsVocabulary.Categories.Contains(line.Category!))
                {
                    category = line.Category;
                }
                else
                {
                    d.Add(Diagnostic.Error(DiagnosticCodes.UnknownLogisticsTerm, $"'{line.Category}' is not a logistics category: use one of {string.Join(", ", LogisticsVocabulary.Categories)}", $"{at}.category"));
                    ok = false;
                }
            }

            Need(!string.IsNullOrWhiteSpace(line.Description), "description", "description");
            Need(!string.IsNullOrWhiteSpace(line.Unit), "unit", "unit of measure");
            if (Need(line.Quantity is not null, "quantity", "quantity") && line.Quantity is not (> 0m and <= MaxValue))
            {
                Invalid($"{at}.quantity", $"the quantity on line {i + 1} must be above 0 and at most {MaxValue:N0}");
                ok = false;
            }

            if (Need(line.UnitPrice is not null, "unitPrice", "unit price") && line.UnitPrice is not (>= 0m and <= MaxValue))
            {
                Invalid($"{at}.unitPrice", $"the unit price on line {i + 1} must be at least 0 and at most {MaxValue:N0}");
                ok = false;
            }

            Currency? currency = null;
            if (Need(!string.IsNullOrWhiteSpace(line.Currency), "currency", "currency"))
            {
                currency = Currencies.Parse(line.Currency, $"{at}.currency", d);
                ok &= currency is not null;
            }

            string? kind = null;
            if (category is not null)
            {
                kind = OrderLineKinds.Of(category);
                if (line.Kind is { } given)
                {
                    if (given is not (OrderLineKinds.Goods or OrderLineKinds.Services))
                    {
                        d.Add(Diagnostic.Error(DiagnosticCodes.UnknownLogisticsTerm, $"'{given}' is not a kind of line: use goods or services", $"{at}.kind"));
                        ok = false;
                    }
                    else if (kind is not null && kind != given)
                    {
                        Invalid($"{at}.kind", $"{category} lines are {kind}, not {given}");
                        ok = false;
                    }
                    else
                    {
                        kind = given;
                    }
                }
                else if (kind is null)
                {
                    Missing($"{at}.kind", $"kind (goods or services: {category} holds both) on line {i + 1}");
                    ok = false;
                }
            }

            if (ok && category is not null && kind is not null && currency is not null)
            {
                var value = line.Quantity!.Value * line.UnitPrice!.Value;
                if (value > MaxValue)
                {
                    Invalid($"{at}.quantity", $"line {i + 1} is worth more than {MaxValue:N0} {currency.Code}: split the order");
                    continue;
                }

                checkedLines.Add((i + 1, category, kind, line.Description!.Trim(), line.Quantity.Value, line.Unit!.Trim(), line.UnitPrice.Value, currency,
                    Money.Round(value, currency, Rounding)));
            }
        }

        // ---- the governing agreement --------------------------------------------------------------
        Agreement? agreement = null;
        if (!string.IsNullOrWhiteSpace(draft.Agreement) && draft.Requesting is { } req && draft.Supplying is { } sup && draft.Date is { } orderDay)
        {
            agreement = Governing(draft.Agreement.Trim(), req.State.ToUpperInvariant(), sup.State.ToUpperInvariant(), orderDay, registry, d);
        }

        var basis = new Dictionary<int, (Citation? Citation, TimeLimit? Limit)>();
        if (agreement is not null)
        {
            var day = draft.Date!.Value;
            var supplier = draft.Supplying!.State.ToUpperInvariant();

            // ---- the situation ----
            if (situation is not null)
            {
                var sc = book.Situation(agreement.Id, situation, day);
                if (sc.Status == SituationStatus.NotCovered)
                {
                    var listed = book.TermsOf(agreement.Id)?.Situations.Covered.Where(e => e.Validity.On(day) == Applicability.Yes).ToArray() ?? [];
                    d.Add(Diagnostic.Error(DiagnosticCodes.SituationNotCovered,
                        $"{agreement.ShortName} does not cover {situation} on {day:yyyy-MM-dd}: its list covers {string.Join(", ", listed.Select(e => e.Situation).Distinct())}" +
                        (listed.Length > 0 ? $" ({Cite(listed[0].Citation, listed[0].Confidence)})" : ""), "situation"));
                }
                else if (sc.Status == SituationStatus.Unknown)
                {
                    Flag(DiagnosticCodes.SituationCoverageUnknown, "situation", $"whether {agreement.ShortName} covers {situation} is not known: {sc.Reason}");
                }
            }

            // ---- each line's category ----
            foreach (var line in checkedLines)
            {
                var at = $"lines[{line.Number}].category";
                var c = book.Coverage(agreement.Id, line.Category, day, supplier);
                var cite = string.Join("; ", c.Entries.Where(e => e.Citation is not null).Select(e => Cite(e.Citation!, e.Confidence)).Distinct());
                switch (c.Status)
                {
                    case CoverageStatus.Excluded:
                        d.Add(Diagnostic.Error(DiagnosticCodes.CategoryExcluded, $"{line.Category} is excluded on {day:yyyy-MM-dd}: {c.Reason} ({cite})", at));
                        break;
                    case CoverageStatus.CoveredOnlyIn when situation is not null && !c.CoversIn(situation):
                        d.Add(Diagnostic.Error(DiagnosticCodes.CategoryNotInSituation,
                            $"{agreement.ShortName} covers {line.Category} on {day:yyyy-MM-dd} only in {string.Join(", ", c.OnlyIn)}, not in {situation} ({cite})", at));
                        break;
                    case CoverageStatus.Unknown:
                        Flag(DiagnosticCodes.CategoryCoverageUnknown, at, $"whether {agreement.ShortName} covers {line.Category} is not known: {c.Reason}");
                        break;
                }

                basis[line.Number] = (c.Status is CoverageStatus.Covered or CoverageStatus.CoveredOnlyIn ? c.Entries.FirstOrDefault(e => e.Citation is not null)?.Citation : null, null);
            }

            // ---- the settlement method, per kind of line ----
            if (method is not null)
            {
                var unknownFlagged = false;
                foreach (var kind in checkedLines.Select(l => l.Kind).Distinct())
                {
                    var options = book.Settlement(agreement.Id, day, kind);
                    if (options.Unknown)
                    {
                        if (!unknownFlagged)
                        {
                            Flag(DiagnosticCodes.SettlementUnknown, "settlement", $"the settlement methods of {agreement.ShortName} are not known: {options.Reason}");
                            unknownFlagged = true;
                        }

                        continue;
                    }

                    var match = options.Methods.FirstOrDefault(m => m.Method == method);
                    if (match is null)
                    {
                        d.Add(Diagnostic.Error(DiagnosticCodes.SettlementNotAllowed,
                            $"{agreement.ShortName} does not allow {method} for {kind} on {day:yyyy-MM-dd}: it allows " +
                            string.Join(", ", options.Methods.Select(m => m.Method).Distinct()) + $" ({Cite(options.Methods[0].Citation, options.Methods[0].Confidence)})", "settlement"));
                        continue;
                    }

                    foreach (var line in checkedLines.Where(l => l.Kind == kind))
                    {
                        basis[line.Number] = (basis.GetValueOrDefault(line.Number).Citation, match.TimeLimit);
                    }
                }
            }
        }

        if (d.Any(x => x.Severity == Severity.Error))
        {
            return new(null, d);
        }

        var orderLines = checkedLines.Select(l => new OrderLine(l.Number, l.Category, l.Kind, l.Description, l.Quantity, l.Unit, l.Price, l.Currency, l.Amount,
            basis.GetValueOrDefault(l.Number).Citation, basis.GetValueOrDefault(l.Number).Limit)).ToArray();
        var order = new Order(id ?? Guid.NewGuid(), agreement!.Id,
            draft.Requesting! with { State = draft.Requesting!.State.ToUpperInvariant() },
            draft.Supplying! with { State = draft.Supplying!.State.ToUpperInvariant() },
            draft.Date!.Value, draft.Situation! with { Situation = situation }, method!, orderLines,
            officials.Where(o => !string.IsNullOrWhiteSpace(o.UserId)).ToArray(), flags);
        return new(order, d);
    }

    /// <summary>The agreement, when it can govern an order between the two states on <paramref name="day"/>; else null with TRL511 saying why.</summary>
    private static Agreement? Governing(string id, string requesting, string supplying, DateOnly day, AgreementRegistry registry, List<Diagnostic> d)
    {
        string? why = null;
        var agreement = registry.FindAgreement(id);
        if (agreement is null)
        {
            why = $"there is no agreement '{id}' in the registry";
        }
        else if (agreement.Type != AgreementType.Logistics)
        {
            why = $"{agreement.ShortName} is of type {agreement.Type.ToName()}, not a logistics agreement";
        }
        else if (!agreement.IsBetween(requesting, supplying))
        {
            why = $"{agreement.ShortName} is between {string.Join(", ", agreement.Parties)}, not between {requesting} and {supplying}";
        }
        else if (agreement.StatusOn(day) is var status && status != AgreementStatus.InForce)
        {
            why = $"{agreement.ShortName} is not in force on {day:yyyy-MM-dd}: " + status switch
            {
                AgreementStatus.Ended => $"it ended on {agreement.Ended}",
                AgreementStatus.Signed => agreement.InForce is { } f ? $"signed {agreement.Signed}, in force only from {f}" : $"signed {agreement.Signed}, not in force",
                _ => "not yet signed",
            } + (agreement.InForce is { IsExact: false } ? " (its entry into force is known only to the month or year and is read as its last day)" : "");
        }

        if (why is not null)
        {
            d.Add(Diagnostic.Error(DiagnosticCodes.AgreementNotGoverning, why + ": an order rests on a logistics agreement in force between the two states on the order date", "agreement"));
            return null;
        }

        return agreement;
    }

    /// <summary><c>Instrument, Article (url; confidence medium)</c>.</summary>
    public static string Cite(Citation c, Confidence? confidence) =>
        $"{c.Instrument}, {c.Article}{(c.Paragraph is null ? "" : "(" + c.Paragraph + ")")} ({c.Url}; confidence {confidence?.ToString().ToLower(CultureInfo.InvariantCulture) ?? "unknown"})";
}
