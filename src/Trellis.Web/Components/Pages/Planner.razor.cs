using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Trellis.Diagnostics;
using Trellis.Rules;
using Trellis.Web.Endpoints;
using Trellis.Web.Persistence;

namespace Trellis.Web.Components.Pages;

/// <summary>
/// The planner. A saved plan is opened by URL (<c>?plan=ID&amp;asOf=&amp;without=</c>), so every
/// assessment of it can be linked; form posts assess, save, build, clone and delete.
/// </summary>
public partial class Planner
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = null!;

    [SupplyParameterFromQuery] public string? Plan { get; set; }
    [SupplyParameterFromQuery] public string? AsOf { get; set; }
    /// <summary>The day the assessment is made (YYYY-MM-DD); default today by the injected clock.</summary>
    [SupplyParameterFromQuery] public string? Today { get; set; }
    [SupplyParameterFromQuery] public string? Without { get; set; }
    [SupplyParameterFromQuery] public string? Error { get; set; }
    /// <summary>A worked example to open (<c>agreement/file</c>, see <see cref="RuleCatalog.Example"/>): its plan fills the text box and is assessed.</summary>
    [SupplyParameterFromQuery] public string? Example { get; set; }

    private Trellis.Cases.Actor? actor;
    private string text = "";
    private string? postedName;
    private SavedPlan? saved;
    private Assessment? result;
    private IReadOnlyList<InstrumentView> switchable = [];
    private HashSet<string> withoutSet = new(StringComparer.Ordinal);
    private IReadOnlyList<Diagnostic> diagnostics = [];
    private IReadOnlyList<SavedPlan> plans = [];
    private string? message;
    private bool messageIsError;
    private BuildModel build = null!; // set first thing in OnInitializedAsync, from the injected clock

    protected override async Task OnInitializedAsync()
    {
        build = BuildModel.Default(Clock.Today());
        actor = await CurrentActor.GetAsync();
        withoutSet = AssessEndpoints.Split(Without is null ? null : [Without]).ToHashSet(StringComparer.Ordinal);
        if (Error == "too-large")
        {
            Fail($"The upload was larger than {Options.Value.MaxRequestBytes:N0} bytes (Trellis:MaxRequestBytes) and was not read; nothing was saved.");
        }
        if (HttpMethods.IsGet(HttpContext.Request.Method) && !string.IsNullOrWhiteSpace(Plan) && !Guid.TryParse(Plan, out _))
        {
            Fail($"'{Plan}' is not the id of a saved plan (an id looks like 0f8fad5b-d9cb-469f-a165-70867728950e): open one from the list of saved plans.");
        }
        else if (HttpMethods.IsGet(HttpContext.Request.Method) && string.IsNullOrWhiteSpace(Plan) && !string.IsNullOrWhiteSpace(Example))
        {
            if (Catalog.Example(Example) is { } example)
            {
                text = example.PlanYaml;
                postedName = example.Example.Name;
                Assess(new PlanText(text, PlanFormats.Yaml));
            }
            else
            {
                Fail($"There is no worked example '{Example}': open one from a rule's page.");
            }
        }
        else if (HttpMethods.IsGet(HttpContext.Request.Method) && Guid.TryParse(Plan, out var id))
        {
            saved = actor is null ? null : (await Store.FindAsync(actor, id)).Plan;
            if (actor is null)
            {
                Fail("Sign in to open a saved plan.");
            }
            else if (saved is null)
            {
                Fail($"There is no saved plan {Plan} that you may see.");
            }
            else
            {
                text = saved.Body;
                Assess(new PlanText(saved.Body, saved.Format));
            }
        }

        await LoadPlansAsync();
    }

    private async Task LoadPlansAsync() =>
        plans = actor is null ? [] : await Store.ListAsync(actor, take: 200);

    private async Task OnPlanAsync()
    {
        var form = HttpContext.Request.Form;
        postedName = form["name"].ToString();
        AsOf = form["asOf"].ToString();
        withoutSet = form["without"].Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!).ToHashSet(StringComparer.Ordinal);
        var planText = await ReadPostedPlanAsync(form);
        if (planText is null)
        {
            return;
        }

        text = planText.Text;
        var action = form["action"].ToString();
        if (Guid.TryParse(form["id"], out var id) && actor is not null)
        {
            saved = (await Store.FindAsync(actor, id)).Plan;
        }

        var plan = planText.Read(Registry);
        if (plan.HasErrors || plan.Value is null)
        {
            diagnostics = plan.Diagnostics;
            Fail(action is "save" or "update" ? "The plan has errors and was not saved; nothing stored has changed." : "The plan has errors.");
            return;
        }

        if (action is "save" or "update" && actor is null)
        {
            Fail("Sign in to save plans; nothing was saved.");
            Assess(planText);
            return;
        }

        if (action == "save")
        {
            var created = await Store.CreateAsync(actor!, planText, plan.Value, postedName);
            if (!created.Ok)
            {
                Fail($"The plan was not saved: {created.Reason ?? "you may not save plans"}.");
                Assess(planText);
                return;
            }

            Navigation.NavigateTo(Link(created.Plan!.Id));
            return;
        }

        if (action == "update" && saved is not null)
        {
            int[] version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? [v] : [];
            var replaced = await Store.ReplaceAsync(actor!, saved.Id, version, planText, plan.Value, postedName);
            switch (replaced.Outcome)
            {
                case PlanOutcome.Done:
                    Navigation.NavigateTo(Link(replaced.Plan!.Id));
                    return;
                case PlanOutcome.Forbidden:
                    Fail($"Your edit was not saved: {replaced.Reason}.");
                    break;
                default:
                    Fail("Someone changed or deleted this plan since you opened it; your edit was not saved. Open it again and reapply the edit.");
                    break;
            }

            Assess(planText);
            return;
        }

        Assess(planText);
    }

    private async Task OnSavedAsync()
    {
        var form = HttpContext.Request.Form;
        if (actor is null)
        {
            Fail("Sign in to change saved plans.");
            return;
        }

        if (!Guid.TryParse(form["id"], out var id))
        {
            Fail("That plan no longer exists.");
            await LoadPlansAsync();
            return;
        }

        if (form["action"] == "delete")
        {
            int[] version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? [v] : [];
            var deleted = await Store.DeleteAsync(actor, id, version);
            if (deleted.Ok)
            {
                Navigation.NavigateTo("planner");
                return;
            }

            Fail(deleted.Outcome switch
            {
                PlanOutcome.Stale => "The plan was changed since this page was loaded; it was not deleted.",
                PlanOutcome.Forbidden => $"The plan was not deleted: {deleted.Reason}.",
                _ => "That plan no longer exists.",
            });
            await LoadPlansAsync();
            return;
        }

        var copy = await Store.CopyAsync(actor, id);
        if (!copy.Ok)
        {
            Fail(copy.Outcome == PlanOutcome.Forbidden ? $"The plan was not copied: {copy.Reason}." : "That plan no longer exists.");
            await LoadPlansAsync();
            return;
        }

        Navigation.NavigateTo(Link(copy.Plan!.Id));
    }

    private async Task OnBuild()
    {
        var form = HttpContext.Request.Form;
        build = BuildModel.From(form);
        var action = form["action"].ToString();
        if (action != "build")
        {
            // Add a row, remove one, or show the fields of the kinds chosen: the form again, nothing assessed.
            if (action == "add-row")
            {
                build.Rows.Add(new BuildRow($"group-{build.Rows.Count + 1}", "personnel"));
            }
            else if (action.StartsWith("remove:", StringComparison.Ordinal)
                     && int.TryParse(action.AsSpan("remove:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < build.Rows.Count)
            {
                build.Rows.RemoveAt(index);
            }

            await LoadPlansAsync();
            return;
        }

        text = build.ToYaml();
        Assess(new PlanText(text, PlanFormats.Yaml));
        await LoadPlansAsync();
    }

    private async Task<PlanText?> ReadPostedPlanAsync(IFormCollection form)
    {
        var limit = Options.Value.MaxRequestBytes;
        var upload = form.Files.GetFile("upload");
        if (upload is { Length: > 0 })
        {
            if (upload.Length > limit)
            {
                Fail($"The file is larger than {limit:N0} bytes, the limit set by Trellis:MaxRequestBytes.");
                return null;
            }

            using var reader = new StreamReader(upload.OpenReadStream(), new UTF8Encoding(false, true));
            string content;
            try
            {
                content = await reader.ReadToEndAsync();
            }
            catch (DecoderFallbackException)
            {
                Fail("The file is not UTF-8 text.");
                return null;
            }

            var format = upload.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? PlanFormats.Json : PlanFormats.Yaml;
            return new PlanText(content.TrimStart('\uFEFF'), format);
        }

        var posted = form["text"].ToString();
        if (string.IsNullOrWhiteSpace(posted))
        {
            Fail("Upload a plan file or write the plan in the text box.");
            return null;
        }

        return new PlanText(posted, posted.TrimStart().StartsWith('{') ? PlanFormats.Json : PlanFormats.Yaml);
    }

    private void Assess(PlanText planText)
    {
        var plan = planText.Read(Registry);
        if (plan.HasErrors || plan.Value is null)
        {
            diagnostics = plan.Diagnostics;
            Fail("The plan has errors.");
            return;
        }

        // Every agreement the plan could use stays offered, also after it is switched off.
        var all = AssessEndpoints.Run(Assessor, plan.Value, compare: false, AsOf, [], Today, Clock).Result;
        var (assessment, problem) = AssessEndpoints.Run(Assessor, plan.Value, compare: true, AsOf, withoutSet, Today, Clock, explain: true);
        if (problem is not null)
        {
            Fail(problem.ProblemDetails.Detail ?? "The assessment options are invalid.");
            return;
        }

        result = assessment;
        switchable = (all ?? assessment!).Instruments.Where(i => i.Layer == "agreement").ToArray();
    }

    private void Fail(string text)
    {
        message = text;
        messageIsError = true;
    }

    private string Link(Guid id) => $"planner?plan={id}" + (string.IsNullOrWhiteSpace(AsOf) ? "" : $"&asOf={Uri.EscapeDataString(AsOf)}")
        + (string.IsNullOrWhiteSpace(Today) ? "" : $"&today={Uri.EscapeDataString(Today)}")
        + (withoutSet.Count == 0 ? "" : $"&without={Uri.EscapeDataString(string.Join(',', withoutSet))}");

    private string ExportLink(string format) => $"api/plans/{saved!.Id}/export?format={format}&compare=true"
        + (string.IsNullOrWhiteSpace(Today) ? "" : $"&today={Uri.EscapeDataString(Today)}")
        + (string.IsNullOrWhiteSpace(AsOf) ? "" : $"&asOf={Uri.EscapeDataString(AsOf)}")
        + string.Concat(withoutSet.Select(w => $"&without={Uri.EscapeDataString(w)}"));

    private static string Day(DateOnly? d) => AssessmentExports.Day(d);

    /// <summary>The longest lead time for the table: unknown when any is unknown, with the longest known beside it.</summary>
    private static string Longest(Summary s) =>
        s.LongestLeadDays is { } l ? l.ToString(CultureInfo.InvariantCulture)
        : s.UnknownLeadTimes > 0 ? "unknown" + (s.LongestKnownLeadDays is { } k ? $" (longest known {k.ToString(CultureInfo.InvariantCulture)})" : "")
        : "none";

    private static string Signed(long? n) => n is { } x ? x.ToString("+#,0;−#,0;0", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// One element group of the row builder: its id, its kind and the values of its kind's fields
    /// (<see cref="PlanLoader.FieldsOfKind"/>) as the form holds them; a field not given holds its default.
    /// </summary>
    internal sealed class BuildRow(string id, string kind)
    {
        public string Id { get; } = id;
        public string Kind { get; } = kind;
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        /// <summary>The fields of <see cref="Kind"/>, in the order of the plan format; none for an unknown kind.</summary>
        public IReadOnlyList<string> Fields => FieldsOf(Kind);

        /// <summary>The value of <paramref name="field"/>: as posted, else the default of the kind.</summary>
        public string Value(string field) => Values.TryGetValue(field, out var v) ? v : Default(Kind, field);

        public bool IsSet(string field) => Value(field) == "true";

        public bool HasDocument(string document) => Value("documents").Split(',').Contains(document, StringComparer.Ordinal);

        public BuildRow With(string field, string value)
        {
            Values[field] = value;
            return this;
        }

        public static IReadOnlyList<string> FieldsOf(string kind) =>
            RulesVocabulary.IndexOf(RulesVocabulary.ElementKinds, kind) is var i and >= 0 ? [.. PlanLoader.FieldsOfKind[(ElementKind)i], .. PlaceFields] : [];

        /// <summary>Where and when a group arrives, for every kind (empty = the plan's start, place not given).</summary>
        private static readonly string[] PlaceFields = ["arrives", "at"];
    }

    /// <summary>How the row builder asks for a field of a plan element.</summary>
    internal enum FieldInput
    {
        Number,
        Flag,
        Choice,
        Documents,
        Text,
    }

    internal static FieldInput InputOf(string field) => field switch
    {
        "count" or "entries" or "portCalls" or "quantity" or "valueUsd" or "litres" => FieldInput.Number,
        "category" or "use" => FieldInput.Choice,
        "documents" => FieldInput.Documents,
        _ when ElementFlagsOf.Names.Any(n => n.Name == field) => FieldInput.Flag,
        _ => FieldInput.Text,
    };

    /// <summary>The values a <see cref="FieldInput.Choice"/> field of <paramref name="kind"/> takes.</summary>
    internal static IReadOnlyList<string> ChoicesOf(string kind, string field) => (kind, field) switch
    {
        ("personnel", "category") => RulesVocabulary.PersonnelCategories,
        ("weapon", "category") => RulesVocabulary.WeaponCategories,
        (_, "use") => RulesVocabulary.MedicineUses,
        _ => [],
    };

    /// <summary>A field's default in a new row: the plan format's default, or a valid starting value for a required field.</summary>
    internal static string Default(string kind, string field)
    {
        if (InputOf(field) == FieldInput.Flag)
        {
            var i = RulesVocabulary.IndexOf(RulesVocabulary.ElementKinds, kind);
            var flag = ElementFlagsOf.Names.First(n => n.Name == field).Flag;
            return i >= 0 && ElementFlagsOf.DefaultTrue((ElementKind)i).HasFlag(flag) ? "true" : "false";
        }

        return (kind, field) switch
        {
            (_, "count" or "entries" or "portCalls") => "1",
            ("ammunition", "quantity") => "1",
            (_, "valueUsd" or "litres") => "0",
            (_, "category" or "use") => ChoicesOf(kind, field) is [var first, ..] ? first : "",
            _ => "",
        };
    }

    internal static string Label(string field) => field switch
    {
        "count" => "Count",
        "category" => "Category",
        "documents" => "Travel documents",
        "rentedInHost" => "Rented in the host state",
        "stateAircraft" => "State (military) aircraft",
        "armed" => "Armed",
        "entries" => "Entries into the host's airspace per aircraft",
        "servicesRequested" => "Military services requested from the host",
        "warship" => "Warship",
        "nuclearPowered" => "Nuclear-powered",
        "portCalls" => "Port calls per vessel",
        "quantity" => "Quantity",
        "explosive" => "Explosives (not ordinary cartridges)",
        "species" => "Species (e.g. dog)",
        "controlled" => "Controlled (narcotic or psychotropic)",
        "use" => "Use",
        "substance" => "Substance",
        "transmits" => "Transmits",
        "band" => "Band (e.g. UHF)",
        "valueUsd" => "Value (USD)",
        "officialUse" => "Exclusively for the force's official use",
        "description" => "Description",
        "litres" => "Litres",
        "arrives" => "Arrives (YYYY-MM-DD; empty = the plan's start)",
        "at" => "At (port or airfield: facility id or name)",
        _ => field,
    };

    /// <summary>
    /// The row builder's form: the plan's head and its element rows. Row <c>i</c> posts
    /// <c>row{i}.id</c>, <c>row{i}.kind</c>, <c>row{i}.shown</c> (the kind whose fields the form showed)
    /// and <c>row{i}.{field}</c> for each shown field; an unticked flag posts nothing and so is false.
    /// </summary>
    internal sealed class BuildModel
    {
        public string Sending { get; set; } = "GBR";
        public string Host { get; set; } = "JPN";
        public string Purpose { get; set; } = "exercise";
        public string Start { get; set; } = "";
        public string End { get; set; } = "";
        public bool Cooperative { get; set; } = true;
        public List<BuildRow> Rows { get; } = [];

        /// <summary>A first plan starting six months after <paramref name="today"/>.</summary>
        public static BuildModel Default(DateOnly today)
        {
            var start = today.AddMonths(6);
            var model = new BuildModel { Start = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), End = start.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            model.Rows.Add(new BuildRow("troops", "personnel").With("count", "100"));
            model.Rows.Add(new BuildRow("vehicles", "vehicle").With("count", "10"));
            return model;
        }

        public static BuildModel From(IFormCollection form)
        {
            var model = new BuildModel
            {
                Sending = form["sendingState"].ToString(), Host = form["hostState"].ToString(), Purpose = form["purpose"].ToString(),
                Start = form["start"].ToString(), End = form["end"].ToString(), Cooperative = form["cooperativeActivity"] == "true",
            };
            _ = int.TryParse(form["rows"], NumberStyles.None, CultureInfo.InvariantCulture, out var rows);
            for (var i = 0; i < Math.Min(rows, MaxRows); i++)
            {
                var row = new BuildRow(form[$"row{i}.id"].ToString().Trim(), form[$"row{i}.kind"].ToString());
                var shown = BuildRow.FieldsOf(form[$"row{i}.shown"].ToString());
                foreach (var field in row.Fields.Where(shown.Contains))
                {
                    var posted = form[$"row{i}.{field}"];
                    row.Values[field] = InputOf(field) switch
                    {
                        FieldInput.Flag => posted == "true" ? "true" : "false",
                        FieldInput.Documents => string.Join(',', posted.Where(d => !string.IsNullOrEmpty(d))),
                        _ => posted.ToString().Trim(),
                    };
                }

                model.Rows.Add(row);
            }

            return model;
        }

        /// <summary>The plan as YAML, leaving out rows without an id; the plan reader then checks every value, as for an upload.</summary>
        public string ToYaml()
        {
            var o = new StringBuilder();
            o.AppendLine(CultureInfo.InvariantCulture, $"sendingState: {Q(Sending)}").AppendLine(CultureInfo.InvariantCulture, $"hostState: {Q(Host)}")
                .AppendLine(CultureInfo.InvariantCulture, $"purpose: {Q(Purpose)}").AppendLine(CultureInfo.InvariantCulture, $"cooperativeActivity: {(Cooperative ? "true" : "false")}")
                .AppendLine(CultureInfo.InvariantCulture, $"start: {Q(Start)}").AppendLine(CultureInfo.InvariantCulture, $"end: {Q(End)}").AppendLine("elements:");
            foreach (var r in Rows.Where(r => r.Id.Length > 0))
            {
                o.AppendLine(CultureInfo.InvariantCulture, $"  - id: {Q(r.Id)}").AppendLine(CultureInfo.InvariantCulture, $"    kind: {Q(r.Kind)}");
                foreach (var field in r.Fields)
                {
                    var value = r.Value(field);
                    var yaml = InputOf(field) switch
                    {
                        FieldInput.Flag => value == "true" ? "true" : "false",
                        FieldInput.Documents => "[" + string.Join(", ", value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Q)) + "]",
                        FieldInput.Number when decimal.TryParse(value, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _) => value,
                        _ => value.Length == 0 ? null : Q(value),
                    };
                    if (yaml is not null)
                    {
                        o.AppendLine(CultureInfo.InvariantCulture, $"    {field}: {yaml}");
                    }
                }
            }

            return o.ToString();
        }

        private static string Q(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The most rows the builder reads from one post (a plan with more is written as a file).</summary>
    internal const int MaxRows = 500;
}
