using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Data;
using SecComms.Core.Distribution;
using SecComms.Core.Policy;
using SecComms.Testing;
using SecComms.Testing.SingleSignOn;
using SecComms.Web.Tests.Distribution;
using SecComms.Web.Tests.Notifications;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// One app on SQLite, shared by the matrix's tests, holding a record of each kind a rule hides and of each state a
/// change needs to succeed (<see cref="MatrixRecords"/>), everyone the matrix asks as, signed in both with a token and
/// with a page session, and a webhook to a receiver on loopback. Once built, the records are frozen
/// (<see cref="FreshFixtures"/>): every state-changing call starts from them.
/// </summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    public const string Name = "Authorization matrix";

    public const string SegmentKey = "matrix-enterprise";

    private readonly Dictionary<Persona, HttpClient> _clients = [];
    private readonly Dictionary<string, Persona> _personas = new(StringComparer.OrdinalIgnoreCase);
    private string _policyHash = "";

    public SecCommsApp App { get; private set; } = null!;

    internal WebhookReceiver Webhooks { get; private set; } = null!;

    public MatrixRecords Records { get; private set; } = null!;

    public PageSessions Pages { get; private set; } = null!;

    /// <summary>The OpenID provider the app is configured with, so that the single sign-on endpoints are asked as they run.</summary>
    public OpenIdProvider Provider { get; private set; } = null!;

    /// <summary>A logout token signed by the provider naming someone who has no account here: it is valid and ends no session.</summary>
    public string LogoutTokenOfNoOne { get; private set; } = "";

    /// <summary>That token's claims under another token's signature.</summary>
    public string ForgedLogoutToken { get; private set; } = "";

    public FreshFixtures Fresh { get; private set; } = null!;

    /// <summary>The email sent while the fixtures were built.</summary>
    internal IReadOnlyList<Delivered> BuildMail { get; private set; } = [];

    public string ConfidentialCanary { get; } = $"CANARY-CONFIDENTIAL-{Guid.NewGuid():N}";

    public string EmbargoCanary { get; } = $"CANARY-EMBARGO-{Guid.NewGuid():N}";

    public string IncidentCanary { get; } = $"CANARY-INCIDENT-{Guid.NewGuid():N}";

    public IEnumerable<string> Canaries => [ConfidentialCanary, EmbargoCanary, IncidentCanary];

    public HttpClient Client(Persona persona) => _clients[persona];

    public string Email(Persona persona) => _personas.Single(p => p.Value == persona).Key;

    /// <summary>Who an email address belongs to; an address of no persona may be shown no canary at all.</summary>
    public IEnumerable<string> HiddenFrom(string email) =>
        _personas.TryGetValue(email, out var persona) ? HiddenFrom(persona) : Canaries;

    /// <summary>The canaries a persona must never be shown, each with the rule that hides it.</summary>
    public IEnumerable<string> HiddenFrom(Persona persona)
    {
        if (!May.SeeConfidential(persona))
        {
            yield return ConfidentialCanary;
        }
        if (!May.SeeEmbargoed(persona))
        {
            yield return EmbargoCanary;
        }
        if (!May.SeeIncidents(persona))
        {
            yield return IncidentCanary;
        }
    }

    public async Task InitializeAsync()
    {
        Webhooks = await WebhookReceiver.StartAsync();
        Provider = await OpenIdProvider.StartAsync(new Uri("http://localhost/"));
        App = await SecCommsApp.StartAsync(DatabaseOptions.Sqlite, Provider.Settings(new Dictionary<string, string?>
        {
            ["PublicSite:SecurityTxt:Contact:0"] = "mailto:security@example.com",
            ["Webhooks:AllowedInternalHosts:0"] = "127.0.0.1",
        }));
        LogoutTokenOfNoOne = await Provider.SignAsync(LogoutClaims("no-one-here"));
        var other = await Provider.SignAsync(LogoutClaims("someone-else"));
        ForgedLogoutToken = LogoutTokenOfNoOne[..LogoutTokenOfNoOne.LastIndexOf('.')] + other[other.LastIndexOf('.')..];
        _clients[People.Anonymous] = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var persona in People.All.Where(p => !p.Anonymous))
        {
            var email = $"{persona.Name.Split(' ', '(')[0]}-{_clients.Count}@example.com";
            _clients[persona] = (await App.AddUserAsync(email, persona.Teams, persona.Role, PageSession.Password)).Client;
            _personas[email] = persona;
        }
        Records = await MatrixRecords.BuildAsync(this);
        BuildMail = await DeliverAsync();
        Pages = await PageSessions.SignInAsync(App, People.All.Where(p => !p.Anonymous).ToDictionary(p => p, Email));
        foreach (var persona in People.All.Where(p => !p.Anonymous))
        {
            // A token records when it was last used, at most once a minute; the matrix's clock stands still from here.
            (await Client(persona).GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
        }
        _policyHash = App.Services.GetRequiredService<PolicyStore>().Current.Hash;
        Fresh = await FreshFixtures.FreezeAsync(App.Database.Options.ConnectionString);
    }

    private Dictionary<string, object> LogoutClaims(string subject) => new()
    {
        ["iss"] = Provider.Issuer.AbsoluteUri.TrimEnd('/'),
        ["aud"] = OpenIdProvider.ClientId,
        ["iat"] = App.Time.GetUtcNow().ToUnixTimeSeconds(),
        ["jti"] = Guid.NewGuid().ToString("N"),
        ["sub"] = subject,
        ["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/backchannel-logout"] = new { } },
    };

    /// <summary>Puts the fixtures back as built, with the policy they were built under in force again if a call replaced it.</summary>
    public async Task RestoreAsync()
    {
        Fresh.Restore();
        if (App.Services.GetRequiredService<PolicyStore>().Current.Hash != _policyHash)
        {
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PolicyVersions>().RefreshAsync(CancellationToken.None);
        }
    }

    /// <summary>Plans and sends every notification, dispatch and webhook due, as the background services do, and returns the email sent.</summary>
    internal async Task<IReadOnlyList<Delivered>> DeliverAsync()
    {
        await App.SendAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None);
        }
        var mail = await App.DeliverAsync();
        foreach (var file in Directory.Exists(App.MailFolder) ? Directory.GetFiles(App.MailFolder) : [])
        {
            File.Delete(file);
        }
        return mail;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        Pages?.Dispose();
        await App.DisposeAsync();
        await Webhooks.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>The matrix's tests share one <see cref="MatrixFixture"/> and run one after another, as its records are restored between calls.</summary>
[CollectionDefinition(MatrixFixture.Name)]
public sealed class MatrixTestGroup : ICollectionFixture<MatrixFixture>;
