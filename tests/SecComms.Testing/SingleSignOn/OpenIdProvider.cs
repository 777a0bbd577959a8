using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using SecComms.Testing.Advisories;

namespace SecComms.Testing.SingleSignOn;

/// <summary>An account at the test provider: what it signs in with and the claims its ID token carries.</summary>
public sealed record ProviderAccount(
    string Password,
    string Email,
    string Name,
    IReadOnlyList<string> Groups,
    [property: JsonPropertyName("email_verified")] bool EmailVerified = true);

/// <summary>
/// A real OpenID provider (the npm package oidc-provider, in tests/oidc-provider/server.mjs) on a spare loopback port,
/// with one client for an app at <see cref="AppAddress"/>. Its accounts are a JSON file this class writes; the provider
/// reads it at every use, so a test changes someone's groups between two sign-ins.
/// </summary>
public sealed class OpenIdProvider : IAsyncDisposable
{
    public const string DisplayName = "Test ID";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Process _node;
    private readonly string _accountsFile;
    private readonly Dictionary<string, ProviderAccount> _accounts = [];
    private readonly HttpClient _http = new();

    private readonly System.Text.StringBuilder _output;

    private OpenIdProvider(Uri issuer, Uri appAddress, string accountsFile, string clientSecret, Process node, System.Text.StringBuilder output)
    {
        _output = output;
        Issuer = issuer;
        AppAddress = appAddress;
        _accountsFile = accountsFile;
        ClientSecret = clientSecret;
        _node = node;
    }

    public Uri Issuer { get; }

    /// <summary>What the provider has written so far, such as whether its back-channel logouts were delivered.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The address of the SecComms host this provider's client redirects to and sends logout tokens to.</summary>
    public Uri AppAddress { get; }

    public const string ClientId = "seccomms-test";

    public string ClientSecret { get; }

    /// <summary>Starts the provider for the app at <paramref name="appAddress"/> and waits for its discovery document.</summary>
    /// <remarks>
    /// A spare port can be taken by another process before node binds it, and node starts slowly on a busy machine, so
    /// a provider that exits is started again on another port, and each start waits up to a minute.
    /// </remarks>
    public static async Task<OpenIdProvider> StartAsync(Uri appAddress)
    {
        var folder = ExportValidators.Ancestor(Path.Combine("tests", "oidc-provider"), "server.mjs")
            ?? throw new InvalidOperationException("tests/oidc-provider/server.mjs was not found above " + AppContext.BaseDirectory + ".");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed: run `npm ci` in {folder} (./test.sh does).");
        }
        var failures = new System.Text.StringBuilder();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var started = Launch(folder, appAddress);
            if (await started.AnswersDiscoveryAsync(TimeSpan.FromMinutes(1)))
            {
                return started;
            }
            failures.AppendLine(started.Output);
            await started.DisposeAsync();
        }
        throw new InvalidOperationException($"The OpenID provider did not start: {failures}");
    }

    private static OpenIdProvider Launch(string folder, Uri appAddress)
    {
        var port = WebHostProcess.SparePort();
        var issuer = new Uri($"http://127.0.0.1:{port}");
        var accounts = Path.Combine(Path.GetTempPath(), $"seccomms-oidc-accounts-{Guid.NewGuid():N}.json");
        File.WriteAllText(accounts, "{}");
        var app = appAddress.AbsoluteUri.TrimEnd('/');
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        foreach (var argument in new[]
        {
            "server.mjs", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--issuer", issuer.AbsoluteUri.TrimEnd('/'),
            "--client-id", ClientId, "--client-secret", secret,
            "--redirect-uri", $"{app}/signin-oidc", "--backchannel-logout-uri", $"{app}/signin-oidc/backchannel-logout",
            "--post-logout-redirect-uri", $"{app}/signin", "--accounts", accounts,
        })
        {
            start.ArgumentList.Add(argument);
        }
        var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = new System.Text.StringBuilder();
        node.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        node.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        return new OpenIdProvider(issuer, appAddress, accounts, secret, node, output);
    }

    private async Task<bool> AnswersDiscoveryAsync(TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < patience && !_node.HasExited)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(Issuer, "/.well-known/openid-configuration"));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>The SecComms settings for this provider: it signs people in, with the group mapping the tests use and <paramref name="more"/>.</summary>
    public Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SingleSignOn:Authority"] = Issuer.AbsoluteUri.TrimEnd('/'),
            ["SingleSignOn:ClientId"] = ClientId,
            ["SingleSignOn:ClientSecret"] = ClientSecret,
            ["SingleSignOn:DisplayName"] = DisplayName,
            ["SingleSignOn:RequireHttpsMetadata"] = "false",
            ["SingleSignOn:Scopes:0"] = "openid",
            ["SingleSignOn:Scopes:1"] = "profile",
            ["SingleSignOn:Scopes:2"] = "email",
            ["SingleSignOn:Scopes:3"] = "groups",
            ["SingleSignOn:Groups:0:Group"] = "secops",
            ["SingleSignOn:Groups:0:Teams:0"] = "security",
            ["SingleSignOn:Groups:1:Group"] = "legal-team",
            ["SingleSignOn:Groups:1:Teams:0"] = "legal",
            ["SingleSignOn:Groups:2:Group"] = "seccomms-admins",
            ["SingleSignOn:Groups:2:Role"] = "admin",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Adds or replaces an account; it takes effect at its next sign-in.</summary>
    public async Task SetAccountAsync(string username, ProviderAccount account)
    {
        _accounts[username] = account;
        await File.WriteAllTextAsync(_accountsFile, JsonSerializer.Serialize(_accounts, Json));
    }

    /// <summary>A JWT with <paramref name="claims"/>, signed with the provider's own key, for the tests of what SecComms accepts.</summary>
    public async Task<string> SignAsync(object claims)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(Issuer, "/test/sign"), claims);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.Kill(entireProcessTree: true);
            await _node.WaitForExitAsync();
        }
        _node.Dispose();
        _http.Dispose();
        File.Delete(_accountsFile);
    }
}
