using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SecComms.Core.Data;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Incidents;
using SecComms.Web.Tests.Releases;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// One app on SQLite, once per test class, holding a record of each kind a rule hides: a confidential communication and
/// an exception for it, an embargoed release's generated communications and its vulnerability, an incident, and a
/// public draft everyone signed in may read.
/// </summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    public const string SegmentKey = "matrix-enterprise";

    private readonly Dictionary<Persona, HttpClient> _clients = [];
    private readonly Dictionary<string, Persona> _emails = new(StringComparer.OrdinalIgnoreCase);

    public SecCommsApp App { get; private set; } = null!;

    public string ConfidentialCanary { get; } = $"CANARY-CONFIDENTIAL-{Guid.NewGuid():N}";

    public string EmbargoCanary { get; } = $"CANARY-EMBARGO-{Guid.NewGuid():N}";

    public string IncidentCanary { get; } = $"CANARY-INCIDENT-{Guid.NewGuid():N}";

    public string Confidential { get; private set; } = "";

    public string Embargoed { get; private set; } = "";

    public IReadOnlyList<string> Generated { get; private set; } = [];

    public string PublicDraft { get; private set; } = "";

    public string Incident { get; private set; } = "";

    public string Release { get; private set; } = "";

    public string Vulnerability { get; private set; } = "";

    public string Exception { get; private set; } = "";

    /// <summary>An id no record has: what a lookup of something absent is asked with.</summary>
    public string Nothing { get; } = Guid.NewGuid().ToString();

    public HttpClient Client(Persona persona) => _clients[persona];

    /// <summary>Who an email address belongs to; an address of no persona may be shown no canary at all.</summary>
    public IEnumerable<string> HiddenFrom(string email) =>
        _emails.TryGetValue(email, out var persona) ? HiddenFrom(persona) : [ConfidentialCanary, EmbargoCanary, IncidentCanary];

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
        App = await SecCommsApp.StartAsync(DatabaseOptions.Sqlite);
        _clients[People.Anonymous] = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var persona in People.All.Where(p => !p.Anonymous))
        {
            var email = $"{persona.Name.Split(' ', '(')[0]}-{_clients.Count}@example.com";
            _clients[persona] = (await App.AddUserAsync(email, persona.Teams, persona.Role)).Client;
            _emails[email] = persona;
        }
        var author = Client(People.Author);
        var participant = await (await Client(People.Participant).GetAsync("/api/v1/me")).JsonAsync();

        Confidential = (await CommunicationsApi.CreateAsync(author, $"Breach of the billing export {ConfidentialCanary}", "incident-response",
            participants: [participant.GetProperty("email").GetString()!])).Id();
        PublicDraft = (await CommunicationsApi.CreateAsync(author, "Hardening the sign-in page", "security-blog-post")).Id();
        Exception = (await Exceptions.ExceptionsApi.CreateAsync(author, ExceptionFor(Confidential))).Id();
        Incident = (await IncidentApi.OpenedAsync(author, new
        {
            title = $"Credential stuffing {IncidentCanary}",
            kind = "breach",
            severity = "s2",
            becameAwareAt = App.Time.GetUtcNow().AddHours(-1),
            personalData = true,
        })).Id();
        await PrepareEmbargoedReleaseAsync(Client(People.Appsec));
        await (await Client(People.Security).PostAsJsonAsync("/api/v1/audiences", new { key = SegmentKey, name = "Enterprise", tiers = new[] { "enterprise" } }))
            .JsonAsync(HttpStatusCode.Created);
    }

    private Dictionary<string, object?> ExceptionFor(string communication)
    {
        var request = Exceptions.ExceptionsApi.Request(communication);
        request["justification"] = $"The breach notice must go out before containment. {ConfidentialCanary}";
        return request;
    }

    private async Task PrepareEmbargoedReleaseAsync(HttpClient preparer)
    {
        var body = ReleaseApi.Rce();
        var vulnerability = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        vulnerability["title"] = $"Remote code execution through imports {EmbargoCanary}";
        vulnerability["description"] = $"An attacker who can import a project runs commands. {EmbargoCanary}";
        Vulnerability = await ReleaseApi.FixedVulnerabilityAsync(preparer, vulnerability);
        Release = await ReleaseApi.PlanAsync(preparer);
        await (await ReleaseApi.BundleAsync(preparer, Release, Vulnerability)).JsonAsync();
        var details = await (await ReleaseApi.PrepareAsync(preparer, Release)).JsonAsync();
        Generated = details.GetProperty("communications").EnumerateArray().Select(c => c.Id()).ToList();
        Embargoed = details.Part("advisory").Id();
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        await App.DisposeAsync();
    }
}
