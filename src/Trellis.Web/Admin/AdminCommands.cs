using Trellis.Cases;
using Microsoft.EntityFrameworkCore;
using Trellis.Diagnostics;
using Trellis.Web.Accounts;
using Trellis.Web.Persistence;

namespace Trellis.Web.Admin;

/// <summary>
/// <c>dotnet run --project src/Trellis.Web -- admin …</c>: organisations, users, personal access
/// tokens and authority mappings, run against the configured database (after migrating it) without
/// starting the server. Bad input is a coded message on standard error and exit code 1.
/// </summary>
public static class AdminCommands
{
    public const string Usage = """
        usage: admin org add --state ISO3 --name NAME        create an organisation; prints its id last
               admin org list                                every organisation: id, state, name
               admin user add --email E --org ORG --role ROLE [--role ROLE …] --password-stdin
                                                             create a user; the password is read from standard input
               admin token create --email E --name N [--expires-days 90]
                                                             create a personal access token; printed once, last
               admin token revoke --email E --name N         revoke a token
               admin authority map --state ISO3 --org ORG (--authority TEXT | --all)
                                                             send that host authority's filings to the organisation
               admin plan assign --plan ID --org ORG         give a plan saved before accounts existed to an organisation
               admin audit verify                            check the audit log's hash chain; names the first tampered row (exit 1)
        ORG is an organisation's id or exact name. Roles: viewer, planner, approver, host-reviewer,
        legal-adviser, liaison, auditor, admin.
        """;

    public static bool IsAdmin(string[] args) => args is ["admin", ..];

    /// <summary>Runs one command (<paramref name="args"/> without the leading <c>admin</c>); returns the exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AccountStore>();
        var auditDb = scope.ServiceProvider.GetRequiredService<TrellisDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        const string by = AdminAudit.CommandLine;
        var parsed = Options.Parse(args.Skip(2));
        if (parsed.Problem is { } problem)
        {
            return Fail(error, DiagnosticCodes.InvalidOption, problem);
        }

        var o = parsed.Values;
        switch (args.Length >= 2 ? $"{args[0]} {args[1]}" : string.Join(' ', args))
        {
            case "org add":
            {
                var org = await store.AddOrganisationAsync(o.One("state"), o.One("name"), cancellationToken: cancellationToken)
                    .RecordAsync(auditDb, clock, by, "org.add", x => $"organisation/{x.Id}", x => new { x.State, x.Name }, cancellationToken);
                if (!org.Ok)
                {
                    return Fail(error, org);
                }

                await output.WriteLineAsync($"created organisation '{org.Value!.Name}' ({org.Value.State}); its id:");
                await output.WriteLineAsync(org.Value.Id.ToString());
                return 0;
            }
            case "org list":
                foreach (var org in await store.OrganisationsAsync(cancellationToken))
                {
                    await output.WriteLineAsync($"{org.Id}  {org.State}  {org.Name}{(org.IsDemo ? "  [demo]" : "")}");
                }

                return 0;
            case "user add":
            {
                if (!o.Flag("password-stdin"))
                {
                    return Fail(error, DiagnosticCodes.InvalidOption, "give the password on standard input with --password-stdin (never as an argument: it would stay in the shell's history)");
                }

                var roles = AccountStore.ParseRoles(o.All("role"));
                if (!roles.Ok)
                {
                    return Fail(error, roles);
                }

                var org = await store.FindOrganisationAsync(o.One("org"), cancellationToken);
                if (!org.Ok)
                {
                    return Fail(error, org);
                }

                var password = (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r');
                var user = await store.AddUserAsync(o.One("email"), org.Value!.Id, roles.Value!, password, cancellationToken)
                    .RecordAsync(auditDb, clock, by, "user.add", x => $"user/{x.Id}", x => new { x.Email, organisation = x.OrganisationId, roles = roles.Value!.Select(r => r.Name()) }, cancellationToken);
                if (!user.Ok)
                {
                    return Fail(error, user);
                }

                await output.WriteLineAsync($"created user {user.Value!.Email} in '{org.Value.Name}' ({org.Value.State}) with roles {string.Join(", ", o.All("role").Select(r => r.ToLowerInvariant()))}; its id:");
                await output.WriteLineAsync(user.Value.Id);
                return 0;
            }
            case "token create":
            {
                int? days = 90;
                if (o.One("expires-days") is { } text)
                {
                    days = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : -1;
                }

                var token = await store.CreateTokenAsync(o.One("email"), o.One("name"), days, cancellationToken)
                    .RecordAsync(auditDb, clock, by, "token.create", x => $"user/{x.Record.UserId}", x => new { x.Record.Name, x.Record.ExpiresAt }, cancellationToken);
                if (!token.Ok)
                {
                    return Fail(error, token);
                }

                await output.WriteLineAsync($"created token '{token.Value!.Record.Name}', valid until {token.Value.Record.ExpiresAt:yyyy-MM-dd HH:mm} UTC. " +
                    "It is shown this once (only its hash is kept); send it as Authorization: Bearer <token>:");
                await output.WriteLineAsync(token.Value.Token);
                return 0;
            }
            case "token revoke":
            {
                var token = await store.RevokeTokenAsync(o.One("email"), o.One("name"), cancellationToken)
                    .RecordAsync(auditDb, clock, by, "token.revoke", x => $"user/{x.UserId}", x => new { x.Name }, cancellationToken);
                if (!token.Ok)
                {
                    return Fail(error, token);
                }

                await output.WriteLineAsync($"revoked token '{token.Value!.Name}' of {o.One("email")}");
                return 0;
            }
            case "audit verify":
            {
                var db = scope.ServiceProvider.GetRequiredService<TrellisDb>();
                var rows = await db.AuditLog.LongCountAsync(cancellationToken);
                if (await AuditLog.VerifyAsync(db, cancellationToken) is { } broken)
                {
                    return Fail(error, DiagnosticCodes.AuditChainBroken,
                        $"the audit log is not whole from row {broken.Sequence} on: {broken.Reason}. Restore the database from a backup taken before that row was written, and find out who changed it");
                }

                await output.WriteLineAsync($"ok: the audit log's {rows:N0} rows form one unbroken hash chain");
                return 0;
            }
            case "authority map":
            {
                var authority = o.One("authority");
                if (o.Flag("all") == (authority is not null))
                {
                    return Fail(error, DiagnosticCodes.InvalidOption, "give either --authority TEXT (the authority as the rules name it) or --all (every authority of the state)");
                }

                var org = await store.FindOrganisationAsync(o.One("org"), cancellationToken);
                if (!org.Ok)
                {
                    return Fail(error, org);
                }

                var mapping = await store.MapAuthorityAsync(o.One("state"), org.Value!.Id, authority ?? AuthorityMapping.All, cancellationToken)
                    .RecordAsync(auditDb, clock, by, "authority.map", x => $"organisation/{x.OrganisationId}", x => new { x.HostState, x.Authority }, cancellationToken);
                if (!mapping.Ok)
                {
                    return Fail(error, mapping);
                }

                var what = mapping.Value!.Authority == AuthorityMapping.All ? $"every authority of {mapping.Value.HostState} not mapped by name" : $"'{mapping.Value.Authority}' ({mapping.Value.HostState})";
                await output.WriteLineAsync($"filings to {what} go to '{org.Value.Name}'");
                return 0;
            }
            case "plan assign":
            {
                var org = await store.FindOrganisationAsync(o.One("org"), cancellationToken);
                if (!org.Ok)
                {
                    return Fail(error, org);
                }

                if (!Guid.TryParse(o.One("plan"), out var plan) || !await scope.ServiceProvider.GetRequiredService<PlanStore>().AssignOwnerAsync(plan, org.Value!.Id, cancellationToken))
                {
                    return Fail(error, DiagnosticCodes.UnknownId, $"there is no saved plan '{o.One("plan")}': give its id (GET /api/plans as an administrator lists them)");
                }

                await output.WriteLineAsync($"plan {plan} now belongs to '{org.Value.Name}' ({org.Value.State})");
                return 0;
            }
            default:
                return Fail(error, DiagnosticCodes.InvalidOption, $"unknown command 'admin {string.Join(' ', args.Take(2))}'\n{Usage}");
        }
    }

    private static int Fail<T>(TextWriter error, AccountResult<T> result) => Fail(error, result.Code!, result.Message!);

    private static int Fail(TextWriter error, string code, string message)
    {
        error.WriteLine($"trellis-web admin: error {code}: {message}");
        return 1;
    }

    /// <summary>The <c>--name value</c> options of a command; flags (<c>--all</c>, <c>--password-stdin</c>) take no value.</summary>
    private sealed class Options
    {
        private static readonly string[] Flags = ["all", "password-stdin"];
        private static readonly string[] Known = ["state", "name", "email", "org", "role", "expires-days", "authority", "plan", .. Flags];

        private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

        public string? Problem { get; private init; }

        public Options Values => this;

        public static Options Parse(IEnumerable<string> args)
        {
            var options = new Options();
            using var e = args.GetEnumerator();
            while (e.MoveNext())
            {
                var arg = e.Current;
                var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : null;
                if (name is null || !Known.Contains(name))
                {
                    return new Options { Problem = $"unexpected '{arg}'\n{Usage}" };
                }

                if (Flags.Contains(name))
                {
                    options.Add(name, "true");
                }
                else if (e.MoveNext())
                {
                    options.Add(name, e.Current);
                }
                else
                {
                    return new Options { Problem = $"--{name} needs a value" };
                }
            }

            return options;
        }

        public string? One(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

        public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : [];

        public bool Flag(string name) => _values.ContainsKey(name);

        private void Add(string name, string value)
        {
            if (!_values.TryGetValue(name, out var list))
            {
                _values[name] = list = [];
            }

            list.Add(value);
        }
    }
}
