using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(CiGate.History.Tests.Support.PostgresServer))]

namespace CiGate.History.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb into a temp folder, started on
/// 127.0.0.1 and a free port, stopped and deleted at the end. initdb refuses to run as root, so
/// as root the cluster belongs to the `postgres` user (runuser). Started on first use; tests skip
/// with the reason when the binaries are absent (.ci/run installs Debian's postgresql).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? root;
    private string? bin;
    private int port;
    private bool started;
    private string? failure;

    public static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>A connection string to a new, empty database; skips the test when PostgreSQL is not installed.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken ct)
    {
        await StartAsync(ct);
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (started && root is not null)
        {
            await RunAsync(Path.Combine(bin!, "pg_ctl"), ["-D", Path.Combine(root, "data"), "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }

        if (root is not null)
        {
            Directory.Delete(root, recursive: true);
        }

        gate.Dispose();
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = database, Pooling = false, Timeout = 30 }.ToString();

    private async Task StartAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (!started && failure is null)
            {
                failure = await TryStartAsync(ct);
            }
        }
        finally
        {
            gate.Release();
        }

        if (failure is not null && bin is null)
        {
            Assert.Skip(failure);
        }

        Assert.True(failure is null, failure);
    }

    private async Task<string?> TryStartAsync(CancellationToken ct)
    {
        bin = FindBinaries();
        if (bin is null)
        {
            return "PostgreSQL is not installed (no initdb/pg_ctl in PATH or /usr/lib/postgresql/*/bin); apt-get install postgresql";
        }

        root = Directory.CreateTempSubdirectory("cigate-pg-").FullName;
        var data = Path.Combine(root, "data");
        if (Environment.UserName == "root")
        {
            var chown = await RunAsync("chown", ["-R", "postgres:postgres", root], ct, asPostgres: false);
            if (chown.ExitCode != 0)
            {
                return $"chown of {root} to postgres failed: {chown.Output}";
            }
        }

        var init = await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], ct);
        if (init.ExitCode != 0)
        {
            return $"initdb failed ({init.ExitCode}): {init.Output}";
        }

        port = FreePort();
        var options = $"-p {port} -h 127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50";
        var start = await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "-t", "60", "start"], ct);
        if (start.ExitCode != 0)
        {
            var log = File.Exists(Path.Combine(root, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(root, "server.log"), ct) : "";
            return $"pg_ctl start failed ({start.ExitCode}): {start.Output}\n{log}";
        }

        started = true;
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct, bool asPostgres = true)
    {
        var runAs = asPostgres && Environment.UserName == "root";
        var start = new ProcessStartInfo(runAs ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        if (runAs)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
