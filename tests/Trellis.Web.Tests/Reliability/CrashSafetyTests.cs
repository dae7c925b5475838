using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Trellis.Web.Tests.Api;

namespace Trellis.Web.Tests.Reliability;

/// <summary>
/// Nothing acknowledged is lost (issue 10 §6): the built web app runs as a real child process, several clients save
/// plans in a burst, the process is killed with SIGKILL in the middle of it, and after a restart every plan that got
/// a 201 is there and the database passes its integrity check.
/// </summary>
public sealed class CrashSafetyTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task KilledMidBurstOfWrites_OnSqlite_EveryAcknowledgedPlanIsThereAndTheDatabaseIsIntact()
    {
        using var folder = new TempFolder();

        var saved = await BurstKillRestart(folder.Path, postgres: null);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "trellis.db")};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("ok", await Scalar<string>(connection, "PRAGMA integrity_check"));
        Assert.True(await Scalar<long>(connection, "SELECT COUNT(*) FROM saved_plans") >= saved.Count);
    }

    [PostgresFact]
    public async Task KilledMidBurstOfWrites_OnPostgres_EveryAcknowledgedPlanIsThereAndEveryRowReads()
    {
        using var folder = new TempFolder();
        using var database = new TempPostgresDatabase();

        var saved = await BurstKillRestart(folder.Path, database.ConnectionString);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var count = await Scalar<long>(connection, "SELECT COUNT(*) FROM saved_plans");
        Assert.True(count >= saved.Count, $"{count} rows for {saved.Count} acknowledged plans");
        await using var read = new NpgsqlCommand("SELECT * FROM saved_plans", connection);
        await using var rows = await read.ExecuteReaderAsync();
        var readable = 0L;
        while (await rows.ReadAsync())
        {
            for (var i = 0; i < rows.FieldCount; i++)
            {
                _ = rows.IsDBNull(i) ? null : rows.GetValue(i);
            }

            readable++;
        }

        Assert.Equal(count, readable);
    }

    /// <summary>Creates an account, starts the app, saves plans from several clients until it is killed, restarts it and checks every acknowledged plan.</summary>
    private static async Task<IReadOnlyCollection<Guid>> BurstKillRestart(string dataDirectory, string? postgres)
    {
        var environment = new Dictionary<string, string>
        {
            ["Trellis__DataDirectory"] = dataDirectory,
            ["Trellis__Registry"] = TestEnvironment.Data,
            ["ConnectionStrings__Trellis"] = postgres ?? "",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var org = LastLine(await Admin(environment, null, "org", "add", "--state", "GBR", "--name", "Crash test"));
        await Admin(environment, Password + "\n", "user", "add", "--email", "planner@example.org", "--org", org, "--role", "planner", "--password-stdin");
        var token = LastLine(await Admin(environment, null, "token", "create", "--email", "planner@example.org", "--name", "t"));

        var acknowledged = new ConcurrentBag<Guid>();
        using (var app = await WebApp.Start(environment))
        {
            using var client = app.Client(token);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var content = new StringContent(PlanApiTests.Plan, Encoding.UTF8, "application/yaml");
                        using var response = await client.PostAsync("api/plans", content);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                            acknowledged.Add(Guid.Parse(body["id"]!.GetValue<string>()));
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                    {
                        if (app.HasExited)
                        {
                            return;
                        }
                    }
                }
            })).ToArray();

            // Kill it once writes are flowing: some requests are in flight, some committed, some not yet acknowledged.
            var deadline = Stopwatch.StartNew();
            while (acknowledged.Count < 60 && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(10);
            }

            app.Kill();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
            stop.Cancel();
        }

        Assert.True(acknowledged.Count >= 60, $"only {acknowledged.Count} plans were saved before the kill: the burst proves little");
        using (var restarted = await WebApp.Start(environment))
        {
            using var client = restarted.Client(token);
            foreach (var id in acknowledged)
            {
                using var response = await client.GetAsync($"api/plans/{id}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"plan {id} was acknowledged (201) but is {(int)response.StatusCode} after the restart");
            }

            restarted.Kill();
        }

        return acknowledged.ToArray();
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    private static async Task<T> Scalar<T>(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <c>dotnet Trellis.Web.dll admin …</c>; its standard output, after checking it exited 0.</summary>
    private static async Task<string> Admin(Dictionary<string, string> environment, string? input, params string[] args)
    {
        using var process = Process.Start(WebApp.StartInfo(environment, ["admin", .. args]))!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(process.ExitCode == 0, $"admin {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        return await output;
    }

    /// <summary>The built web app as a child process on a free loopback port.</summary>
    private sealed class WebApp : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();

        private WebApp(Process process, Uri address)
        {
            _process = process;
            Address = address;
            process.OutputDataReceived += (_, e) => Log(e.Data);
            process.ErrorDataReceived += (_, e) => Log(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Uri Address { get; }

        public bool HasExited => _process.HasExited;

        /// <summary>Trellis.Web.dll as built: beside the test assembly (a referenced app's output is copied there) or in src/Trellis.Web/bin.</summary>
        public static string Dll { get; } = FindDll();

        public static ProcessStartInfo StartInfo(Dictionary<string, string> environment, IEnumerable<string> args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(Dll)!,
            };
            info.ArgumentList.Add(Dll);
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }

            return info;
        }

        public static async Task<WebApp> Start(Dictionary<string, string> environment)
        {
            var port = FreePort();
            var address = new Uri($"http://127.0.0.1:{port}/");
            var process = Process.Start(StartInfo(environment, ["--urls", address.ToString().TrimEnd('/')]))!;
            process.StandardInput.Close();
            var app = new WebApp(process, address);
            using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the web app exited with {process.ExitCode} on start:\n{app.LogText}");
                }

                try
                {
                    using var response = await probe.GetAsync("api/agreements");
                    if (response.IsSuccessStatusCode)
                    {
                        return app;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }

                await Task.Delay(100);
            }

            app.Dispose();
            throw new InvalidOperationException($"the web app did not answer on {address} within 120 s:\n{app.LogText}");
        }

        public HttpClient Client(string token)
        {
            var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        /// <summary>SIGKILL on Linux: no shutdown, no flush.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private string LogText
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        private void Log(string? line)
        {
            if (line is not null)
            {
                lock (_log)
                {
                    _log.AppendLine(line);
                }
            }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static string FindDll()
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "Trellis.Web.dll");
            if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
            {
                return beside;
            }

            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
            foreach (var candidate in new[] { configuration, "Debug", "Release" }.Distinct())
            {
                var built = Path.Combine(TestEnvironment.RepoRoot, "src", "Trellis.Web", "bin", candidate, "net10.0", "Trellis.Web.dll");
                if (File.Exists(built))
                {
                    return built;
                }
            }

            throw new InvalidOperationException($"Trellis.Web.dll is not built beside {AppContext.BaseDirectory} nor in src/Trellis.Web/bin: build the solution (dotnet build Trellis.slnx)");
        }
    }
}
