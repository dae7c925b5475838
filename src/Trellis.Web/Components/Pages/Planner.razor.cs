using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Trellis.Diagnostics;
using Trellis.Rules;
using Trellis.Web.Endpoints;
using Trellis.Web.Persistence;
using Trellis.Web.Planning;

namespace Trellis.Web.Components.Pages;

/// <summary>
/// The planner. A saved plan is opened by URL (<c>?plan=ID&amp;asOf=&amp;without=</c>), so every
/// assessment of it can be linked; form posts assess, save, build, clone and delete.
/// </summary>
public partial class Planner
{
    private static readonly string[] Purposes = ["exercise", "training", "port-call", "disaster-relief", "transit", "other"];
    private static readonly string[] Kinds = ["personnel", "vehicle", "aircraft", "vessel", "weapon", "ammunition", "animal", "medicine", "radio", "goods", "fuel"];

    [CascadingParameter] public HttpContext HttpContext { get; set; } = null!;

    [SupplyParameterFromQuery] public string? Plan { get; set; }
    [SupplyParameterFromQuery] public string? AsOf { get; set; }
    [SupplyParameterFromQuery] public string? Without { get; set; }
    [SupplyParameterFromQuery] public string? Error { get; set; }

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
    private BuildModel build = BuildModel.Default();

    protected override async Task OnInitializedAsync()
    {
        withoutSet = AssessEndpoints.Split(Without is null ? null : [Without]).ToHashSet(StringComparer.Ordinal);
        if (Error == "too-large")
        {
            Fail($"The upload was larger than {Options.Value.MaxRequestBytes:N0} bytes (Trellis:MaxRequestBytes) and was not read; nothing was saved.");
        }
        if (HttpMethods.IsGet(HttpContext.Request.Method) && Guid.TryParse(Plan, out var id))
        {
            saved = await Db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
            if (saved is null)
            {
                Fail($"There is no saved plan {Plan}.");
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
        plans = await Db.Plans.AsNoTracking().OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).Take(200).ToListAsync();

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
        if (Guid.TryParse(form["id"], out var id))
        {
            saved = await Db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        }

        var plan = planText.Read(Registry);
        if (plan.HasErrors || plan.Value is null)
        {
            diagnostics = plan.Diagnostics;
            Fail(action is "save" or "update" ? "The plan has errors and was not saved; nothing stored has changed." : "The plan has errors.");
            return;
        }

        if (action == "save")
        {
            var now = DateTime.UtcNow;
            var created = new SavedPlan { Id = Guid.CreateVersion7(), CreatedAt = now, Version = 1 };
            PlanEndpoints.Apply(created, planText, plan.Value, postedName, now);
            Db.Plans.Add(created);
            await Db.SaveChangesAsync();
            Navigation.NavigateTo(Link(created.Id));
            return;
        }

        if (action == "update" && saved is not null)
        {
            var current = await Db.Plans.FirstOrDefaultAsync(p => p.Id == saved.Id);
            if (current is null || current.Version.ToString(CultureInfo.InvariantCulture) != form["version"].ToString())
            {
                Fail("Someone changed or deleted this plan since you opened it; your edit was not saved. Open it again and reapply the edit.");
                Assess(planText);
                return;
            }

            PlanEndpoints.Apply(current, planText, plan.Value, postedName, DateTime.UtcNow);
            current.Version++;
            try
            {
                await Db.SaveChangesAsync();
            }
            catch (DbUpdateConcurrencyException)
            {
                Fail("Someone saved this plan at the same moment; your edit was not saved. Open it again and reapply the edit.");
                return;
            }

            Navigation.NavigateTo(Link(current.Id));
            return;
        }

        Assess(planText);
    }

    private async Task OnSavedAsync()
    {
        var form = HttpContext.Request.Form;
        if (!Guid.TryParse(form["id"], out var id) || await Db.Plans.FirstOrDefaultAsync(p => p.Id == id) is not { } plan)
        {
            Fail("That plan no longer exists.");
            await LoadPlansAsync();
            return;
        }

        if (form["action"] == "delete")
        {
            if (plan.Version.ToString(CultureInfo.InvariantCulture) != form["version"].ToString())
            {
                Fail($"'{plan.Name}' was changed since this page was loaded; it was not deleted.");
                await LoadPlansAsync();
                return;
            }

            Db.Plans.Remove(plan);
            await Db.SaveChangesAsync();
            Navigation.NavigateTo("planner");
            return;
        }

        var now = DateTime.UtcNow;
        var copy = new SavedPlan
        {
            Id = Guid.CreateVersion7(), Name = Truncate($"{plan.Name} (copy)"), Format = plan.Format, Body = plan.Body, SendingState = plan.SendingState,
            HostState = plan.HostState, Start = plan.Start, End = plan.End, CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        Db.Plans.Add(copy);
        await Db.SaveChangesAsync();
        Navigation.NavigateTo(Link(copy.Id));
    }

    private async Task OnBuild()
    {
        var form = HttpContext.Request.Form;
        build = BuildModel.From(form);
        if (form["action"] == "add-row")
        {
            build.Rows.Add(new BuildRow($"group-{build.Rows.Count + 1}", "personnel", 1, "member"));
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
        var all = AssessEndpoints.Run(Assessor, plan.Value, compare: false, AsOf, []).Result;
        var (assessment, problem) = AssessEndpoints.Run(Assessor, plan.Value, compare: true, AsOf, withoutSet);
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
        + (withoutSet.Count == 0 ? "" : $"&without={Uri.EscapeDataString(string.Join(',', withoutSet))}");

    private string ExportLink(string format) => $"api/plans/{saved!.Id}/export?format={format}&compare=true"
        + (string.IsNullOrWhiteSpace(AsOf) ? "" : $"&asOf={Uri.EscapeDataString(AsOf)}")
        + string.Concat(withoutSet.Select(w => $"&without={Uri.EscapeDataString(w)}"));

    private static string Day(DateOnly? d) => PlanExports.Day(d);

    private static string Signed(long? n) => n is { } x ? x.ToString("+#,0;−#,0;0", CultureInfo.InvariantCulture) : "";

    private static string Truncate(string s) => s.Length > SavedPlan.NameMaxLength ? s[..SavedPlan.NameMaxLength] : s;

    /// <summary>One element group of the row builder; <see cref="Detail"/> is the category (personnel, weapon) or species (animal).</summary>
    private sealed record BuildRow(string Id, string Kind, long Count, string Detail);

    private sealed class BuildModel
    {
        public string Sending { get; set; } = "GBR";
        public string Host { get; set; } = "JPN";
        public string Purpose { get; set; } = "exercise";
        public string Start { get; set; } = "";
        public string End { get; set; } = "";
        public bool Cooperative { get; set; } = true;
        public List<BuildRow> Rows { get; } = [];

        public static BuildModel Default()
        {
            var start = DateOnly.FromDateTime(DateTime.Today).AddMonths(6);
            var model = new BuildModel { Start = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), End = start.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            model.Rows.Add(new BuildRow("troops", "personnel", 100, "member"));
            model.Rows.Add(new BuildRow("vehicles", "vehicle", 10, ""));
            return model;
        }

        public static BuildModel From(IFormCollection form)
        {
            var model = new BuildModel
            {
                Sending = form["sendingState"].ToString(), Host = form["hostState"].ToString(), Purpose = form["purpose"].ToString(),
                Start = form["start"].ToString(), End = form["end"].ToString(), Cooperative = form["cooperativeActivity"] == "true",
            };
            var ids = form["rowId"];
            for (var i = 0; i < ids.Count; i++)
            {
                var id = ids[i]?.Trim() ?? "";
                if (id.Length == 0)
                {
                    continue;
                }

                _ = long.TryParse(form["rowCount"].ElementAtOrDefault(i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count);
                model.Rows.Add(new BuildRow(id, form["rowKind"].ElementAtOrDefault(i) ?? "personnel", count, form["rowDetail"].ElementAtOrDefault(i)?.Trim() ?? ""));
            }

            return model;
        }

        /// <summary>The plan as YAML; the plan reader then checks every value, as for an upload.</summary>
        public string ToYaml()
        {
            var o = new StringBuilder();
            o.AppendLine(CultureInfo.InvariantCulture, $"sendingState: {Q(Sending)}").AppendLine(CultureInfo.InvariantCulture, $"hostState: {Q(Host)}")
                .AppendLine(CultureInfo.InvariantCulture, $"purpose: {Q(Purpose)}").AppendLine(CultureInfo.InvariantCulture, $"cooperativeActivity: {(Cooperative ? "true" : "false")}")
                .AppendLine(CultureInfo.InvariantCulture, $"start: {Q(Start)}").AppendLine(CultureInfo.InvariantCulture, $"end: {Q(End)}").AppendLine("elements:");
            foreach (var r in Rows)
            {
                o.AppendLine(CultureInfo.InvariantCulture, $"  - id: {Q(r.Id)}").AppendLine(CultureInfo.InvariantCulture, $"    kind: {Q(r.Kind)}");
                switch (r.Kind)
                {
                    case "ammunition" or "medicine":
                        o.AppendLine(CultureInfo.InvariantCulture, $"    quantity: {r.Count}");
                        break;
                    case "goods":
                        o.AppendLine(CultureInfo.InvariantCulture, $"    valueUsd: {r.Count}");
                        break;
                    case "fuel":
                        o.AppendLine(CultureInfo.InvariantCulture, $"    litres: {r.Count}");
                        break;
                    default:
                        o.AppendLine(CultureInfo.InvariantCulture, $"    count: {r.Count}");
                        break;
                }

                if (r.Detail.Length > 0 && r.Kind is "personnel" or "weapon")
                {
                    o.AppendLine(CultureInfo.InvariantCulture, $"    category: {Q(r.Detail)}");
                }
                else if (r.Detail.Length > 0 && r.Kind == "animal")
                {
                    o.AppendLine(CultureInfo.InvariantCulture, $"    species: {Q(r.Detail)}");
                }
            }

            return o.ToString();
        }

        private static string Q(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
