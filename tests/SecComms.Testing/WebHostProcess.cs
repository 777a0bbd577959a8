using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using SecComms.Core.Data;

namespace SecComms.Testing;

/// <summary>
/// The web host as an operator runs it, <c>dotnet SecComms.Web.dll</c> in a process of its own on a loopback port,
/// configured by <c>SECCOMMS__Section__Key</c> environment variables; a test can kill it outright and start it again.
/// </summary>
public sealed class WebHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly HashSet<int> HandedOut = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly HostLaunch _launch;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _probe;
    private Process? _process;

    private WebHostProcess(Dictionary<string, string?> settings, HostLaunch launch, int port)
    {
        _settings = settings;
        _launch = launch;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process wrote to its standard output and error, across restarts.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the host on <paramref name="database"/>, which it migrates, with further settings such as <c>Mail:Port</c>.</summary>
    public static async Task<WebHostProcess> StartAsync(DatabaseOptions database, IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Notifications:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        var host = new WebHostProcess(all, new HostLaunch(), SparePort());
        all.TryAdd("SecComms:BaseUrl", host.BaseAddress.ToString());
        await host.RestartAsync();
        return host;
    }

    /// <summary>
    /// Starts the host as someone trying it out does: with its shipped settings alone, from <paramref name="launch"/>'s
    /// working folder, so its database is created there.
    /// </summary>
    public static async Task<WebHostProcess> StartWithDefaultsAsync(HostLaunch launch, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new WebHostProcess(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()), launch, SparePort());
        await host.RestartAsync();
        return host;
    }

    /// <summary>Waits until the process has written a line containing <paramref name="text"/>.</summary>
    public async Task<bool> WaitForOutputAsync(string text)
    {
        for (var attempt = 0; attempt < 600 && !Output.Contains(text, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
        }
        return Output.Contains(text, StringComparison.Ordinal);
    }

    /// <summary>Starts the process again, on the same port and database, and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        var program = _launch.Program ?? Path.Combine(AppContext.BaseDirectory, "SecComms.Web.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _launch.WorkingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var argument in _launch.Arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = _launch.Environment;
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        foreach (var (key, value) in _settings)
        {
            start.Environment["SECCOMMS__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilUpAsync(process);
    }

    /// <summary>Kills the process with SIGKILL, as a crash or an out-of-memory kill would: nothing of it runs after.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _probe.Dispose();
    }

    private async Task WaitUntilUpAsync(Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The web host exited with code {process.ExitCode} while starting:\n{Output}");
            }
            try
            {
                if ((await _probe.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The web host did not answer within {StartTimeout}:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 500 && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>A loopback port nothing listens on now, never handed out before in this process.</summary>
    /// <remarks>
    /// Chosen below Linux's ephemeral range (32768 and up), where the operating system also picks the ports of
    /// outgoing connections: a port from there can be taken by a test's own client before the server binds it.
    /// </remarks>
    public static int SparePort()
    {
        lock (HandedOut)
        {
            while (true)
            {
                var port = Random.Shared.Next(20000, 32000);
                if (!HandedOut.Add(port))
                {
                    continue;
                }
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                }
            }
        }
    }
}

/// <summary>How the host process is started: which program, from which folder, in which environment.</summary>
/// <param name="Program">The <c>SecComms.Web.dll</c> to run; the one beside the tests by default.</param>
/// <param name="WorkingDirectory">The folder it starts in; the tests' own by default.</param>
/// <param name="Environment">The ASP.NET Core environment: Production unless a test tries Development.</param>
/// <param name="Arguments">Its command line after the listen address, such as <c>--demo</c>.</param>
public sealed record HostLaunch(string? Program = null, string? WorkingDirectory = null, string Environment = "Production",
    IReadOnlyList<string>? Arguments = null);
