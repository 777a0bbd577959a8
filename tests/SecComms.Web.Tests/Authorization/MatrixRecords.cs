using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Exceptions;
using SecComms.Web.Tests.Incidents;
using SecComms.Web.Tests.Releases;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// The records the matrix asks about, built through the API as the people they name. Some hide something (a canary in
/// their text): a confidential communication and the exceptions for it, an embargoed release's communications and
/// vulnerabilities, incidents. Others are in the state a change needs to succeed: a public draft with its SAFE answers,
/// a communication in review and an approved one, an incident message whose quorum fallback is due, a proposed
/// no-public-notification decision, a planned release.
/// </summary>
public sealed class MatrixRecords
{
    /// <summary>An id no record has: what a lookup of something absent is asked with.</summary>
    public static readonly string Nothing = Guid.NewGuid().ToString();

    private MatrixRecords(MatrixFixture fixture) => F = fixture;

    private MatrixFixture F { get; }

    /// <summary>An incident response draft by <see cref="People.Author"/>, naming <see cref="People.Participant"/>.</summary>
    public string Confidential { get; private set; } = "";

    /// <summary>A security blog post draft by <see cref="People.Author"/>, its SAFE questions answered.</summary>
    public string PublicDraft { get; private set; } = "";

    /// <summary>A bug bounty update by <see cref="People.Author"/> waiting on the security stage.</summary>
    public string InReview { get; private set; } = "";

    /// <summary>The package hash the approvers of <see cref="InReview"/> are shown.</summary>
    public string InReviewHash { get; private set; } = "";

    /// <summary>A bug bounty update by <see cref="People.Author"/>, approved by <see cref="People.Security"/>, ready to publish.</summary>
    public string Approved { get; private set; } = "";

    /// <summary>A contributed article by <see cref="People.Marketing"/>, on which the security team is consulted.</summary>
    public string Consulted { get; private set; } = "";

    /// <summary>The package hash the consulted team of <see cref="Consulted"/> is shown.</summary>
    public string ConsultedHash { get; private set; } = "";

    /// <summary>The policy in force, as an administrator would send it back amended.</summary>
    public string PolicyYaml { get; private set; } = "";

    /// <summary>An exception requested by <see cref="People.Author"/> for <see cref="Confidential"/>.</summary>
    public string Exception { get; private set; } = "";

    /// <summary>An exception requested by <see cref="People.Author"/> for <see cref="Confidential"/> and approved by <see cref="People.Security"/>.</summary>
    public string ApprovedException { get; private set; } = "";

    /// <summary>An incident opened by <see cref="People.Author"/>.</summary>
    public string Incident { get; private set; } = "";

    /// <summary>An incident message in review whose GDPR clock is due within the hour, so its quorum fallback may be invoked.</summary>
    public string QuorumMessage { get; private set; } = "";

    /// <summary>An incident whose no-public-notification decision <see cref="People.Security"/> proposed; legal sees its decision.</summary>
    public string ProposedIncident { get; private set; } = "";

    /// <summary>A message drafted after its incident's no-public-notification decision was approved, so it may be closed with none.</summary>
    public string DecidedMessage { get; private set; } = "";

    /// <summary>A security release prepared by <see cref="People.Appsec"/>, fixing <see cref="Vulnerability"/>.</summary>
    public string Release { get; private set; } = "";

    /// <summary>The communications <see cref="Release"/> generated.</summary>
    public IReadOnlyList<string> Generated { get; private set; } = [];

    /// <summary>The advisory <see cref="Release"/> generated, held until it is published; its SAFE questions answered.</summary>
    public string Embargoed { get; private set; } = "";

    /// <summary>The reference (<c>SC-n</c>) of <see cref="Embargoed"/>, as public addresses name it.</summary>
    public string EmbargoedReference { get; private set; } = "";

    public string Vulnerability { get; private set; } = "";

    /// <summary>A security release planned by <see cref="People.Appsec"/>, fixing <see cref="PlannedVulnerability"/>, not prepared yet.</summary>
    public string PlannedRelease { get; private set; } = "";

    public string PlannedVulnerability { get; private set; } = "";

    /// <summary>A bug bounty update linked to <see cref="PlannedRelease"/> and approved, so it may be armed to ship with it.</summary>
    public string Armable { get; private set; } = "";

    /// <summary>
    /// A release prepared by <see cref="People.Appsec"/> whose package has its SAFE answers and its customer email an
    /// audience that reaches Initech's contact, every part a draft ready to submit.
    /// </summary>
    public string AnsweredRelease { get; private set; } = "";

    /// <summary>A release like <see cref="AnsweredRelease"/> whose package is submitted: every part waits on security.</summary>
    public string ReviewRelease { get; private set; } = "";

    /// <summary>Each part of <see cref="ReviewRelease"/> with the package hash its approvers are shown.</summary>
    public IReadOnlyList<(string Id, string Hash)> ReviewDecisions { get; private set; } = [];

    /// <summary>A release like <see cref="ReviewRelease"/> whose package <see cref="People.Security"/> approved, ready to arm.</summary>
    public string ApprovedRelease { get; private set; } = "";

    /// <summary>A vulnerability in triage, in no release.</summary>
    public string TriageVulnerability { get; private set; } = "";

    /// <summary>A customer organization in the enterprise tier with one contact, reached by the segment <see cref="MatrixFixture.SegmentKey"/>.</summary>
    public string Organization { get; private set; } = "";

    /// <summary>A webhook to the matrix's receiver on loopback, told of every publication.</summary>
    public string Webhook { get; private set; } = "";

    /// <summary>A second access token of <see cref="People.Author"/>'s, which only they may revoke.</summary>
    public string AuthorToken { get; private set; } = "";

    /// <summary>A test send of <see cref="Confidential"/> by <see cref="People.Author"/>.</summary>
    public string Dispatch { get; private set; } = "";

    /// <summary>A legal member the administrator in the matrix invited, who has not chosen a password yet.</summary>
    public string Colleague { get; private set; } = "";

    /// <summary>A legal member the administrator in the matrix deactivated.</summary>
    public string Departed { get; private set; } = "";

    /// <summary>A service account in legal, with one token, <see cref="ServiceAccountToken"/>.</summary>
    public string ServiceAccount { get; private set; } = "";

    public string ServiceAccountToken { get; private set; } = "";

    /// <summary>The ids of the personas' accounts, such as the administrator's own.</summary>
    public IReadOnlyDictionary<Persona, string> PersonIds { get; private set; } = new Dictionary<Persona, string>();

    private HttpClient Client(Persona persona) => F.Client(persona);

    private DateTimeOffset Now => F.App.Time.GetUtcNow();

    public static async Task<MatrixRecords> BuildAsync(MatrixFixture fixture)
    {
        var records = new MatrixRecords(fixture);
        await records.BuildCommunicationsAsync();
        await records.BuildExceptionsAsync();
        await records.BuildIncidentsAsync();
        await records.BuildReleaseAsync();
        await records.BuildDistributionAsync();
        await records.BuildPackagesAsync();
        await records.BuildPeopleAsync();
        return records;
    }

    private async Task BuildCommunicationsAsync()
    {
        var author = Client(People.Author);
        Confidential = (await CommunicationsApi.CreateAsync(author, $"Breach of the billing export {F.ConfidentialCanary}", "incident-response",
            participants: [F.Email(People.Participant)])).Id();
        PublicDraft = (await CommunicationsApi.CreateAsync(author, "Hardening the sign-in page", "security-blog-post")).Id();
        await (await WorkflowApi.SafeAsync(author, PublicDraft)).JsonAsync();
        InReview = (await CommunicationsApi.CreateAsync(author, "Bounty scope grows", "bug-bounty-update")).Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(author, InReview)).JsonAsync();
        InReviewHash = (await (await author.GetAsync($"/api/v1/communications/{InReview}")).JsonAsync()).Hash();
        Approved = (await CommunicationsApi.CreateAsync(author, "Bounty for the mobile apps", "bug-bounty-update")).Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(author, Approved)).JsonAsync();
        var approved = await (await author.GetAsync($"/api/v1/communications/{Approved}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(Client(People.Security), Approved, "approve", approved.Hash())).JsonAsync(HttpStatusCode.Created);
        Consulted = (await CommunicationsApi.CreateAsync(Client(People.Marketing), "Why we pay researchers", "contributed-article")).Id();
        ConsultedHash = (await (await author.GetAsync($"/api/v1/communications/{Consulted}")).JsonAsync()).Hash();
        PolicyYaml = await Client(People.Security).GetStringAsync("/api/v1/policy/yaml");
    }

    private async Task BuildExceptionsAsync()
    {
        var author = Client(People.Author);
        Exception = (await ExceptionsApi.CreateAsync(author, ExceptionFor(Confidential))).Id();
        ApprovedException = (await ExceptionsApi.ApprovedAsync(author, Client(People.Security), ExceptionFor(Confidential))).Id();
    }

    private Dictionary<string, object?> ExceptionFor(string communication)
    {
        var request = ExceptionsApi.Request(communication);
        request["justification"] = $"The breach notice must go out before containment. {F.ConfidentialCanary}";
        return request;
    }

    private async Task BuildIncidentsAsync()
    {
        var author = Client(People.Author);
        Incident = (await IncidentApi.OpenedAsync(author, new
        {
            title = $"Credential stuffing {F.IncidentCanary}",
            kind = "breach",
            severity = "s2",
            becameAwareAt = Now.AddHours(-1),
            personalData = true,
        })).Id();
        // The fallback opens an hour before the nearest clock is due: the S1 message clock is long overdue. The message names
        // every approving team, so it shows the incident's title to them: that title carries no canary.
        var urgent = (await IncidentApi.OpenedAsync(author, new
        {
            title = "Payment card skimming",
            kind = "breach",
            severity = "s1",
            becameAwareAt = Now.AddHours(-71.5),
            personalData = true,
        })).Id();
        QuorumMessage = (await IncidentApi.DraftAsync(author, urgent, "initial-notice")).Id();
        await IncidentApi.AnswerFaqAsync(author, QuorumMessage);
        await (await WorkflowApi.SubmitAsync(author, QuorumMessage)).JsonAsync();
        ProposedIncident = (await IncidentApi.OpenedAsync(author, new
        {
            title = "Lost laptop, disk encrypted",
            kind = "breach",
            severity = "s4",
            becameAwareAt = Now.AddHours(-2),
            personalData = false,
        })).Id();
        await ProposeNoPublicNotificationAsync(ProposedIncident);
        var decided = (await IncidentApi.OpenedAsync(author, new
        {
            title = "Phishing of a contractor",
            kind = "breach",
            severity = "s4",
            becameAwareAt = Now.AddHours(-3),
            personalData = false,
        })).Id();
        await ProposeNoPublicNotificationAsync(decided);
        foreach (var approver in new[] { People.Author, People.Legal })
        {
            await (await Client(approver).PostAsync($"/api/v1/incidents/{decided}/no-public-notification/approve", null)).JsonAsync();
        }
        DecidedMessage = (await IncidentApi.DraftAsync(author, decided, "initial-notice")).Id();
    }

    private async Task ProposeNoPublicNotificationAsync(string incident) =>
        await (await Client(People.Security).PutAsJsonAsync($"/api/v1/incidents/{incident}/no-public-notification",
            new { reason = "Nobody outside was affected." })).JsonAsync();

    private async Task BuildReleaseAsync()
    {
        var preparer = Client(People.Appsec);
        Vulnerability = await ReleaseApi.FixedVulnerabilityAsync(preparer, WithCanary(ReleaseApi.Rce(), "Remote code execution through imports"));
        Release = await ReleaseApi.PlanAsync(preparer);
        await (await ReleaseApi.BundleAsync(preparer, Release, Vulnerability)).JsonAsync();
        var details = await (await ReleaseApi.PrepareAsync(preparer, Release)).JsonAsync();
        Generated = [.. details.GetProperty("communications").EnumerateArray().Select(c => c.Id())];
        var advisory = details.Part("advisory");
        Embargoed = advisory.Id();
        EmbargoedReference = advisory.GetProperty("reference").GetString()!;
        await (await WorkflowApi.SafeAsync(preparer, Embargoed)).JsonAsync();
        PlannedRelease = await ReleaseApi.PlanAsync(preparer);
        PlannedVulnerability = await ReleaseApi.FixedVulnerabilityAsync(preparer, WithCanary(ReleaseApi.Rce("CVE-2026-10003"), "Server-side request forgery in webhooks"));
        await (await ReleaseApi.BundleAsync(preparer, PlannedRelease, PlannedVulnerability)).JsonAsync();
        var author = Client(People.Author);
        Armable = (await CommunicationsApi.CreateAsync(author, "Bounty for the release", "bug-bounty-update")).Id();
        await (await Disclosure.DisclosureApi.LinkAsync(Client(People.Security), Armable, PlannedRelease)).JsonAsync();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(author, Armable)).JsonAsync();
        var armable = await (await author.GetAsync($"/api/v1/communications/{Armable}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(Client(People.Security), Armable, "approve", armable.Hash())).JsonAsync(HttpStatusCode.Created);
        TriageVulnerability = (await ReleaseApi.CreateVulnerabilityAsync(preparer, WithCanary(ReleaseApi.Xss("CVE-2026-10004"), "Stored XSS in project names"))).Id();
    }

    /// <summary>Releases whose packages are in the states the package steps need; their customer emails go to Initech's contact.</summary>
    private async Task BuildPackagesAsync()
    {
        await (await Client(People.Security).PostAsJsonAsync("/api/v1/audiences",
            new { key = PackageSegment, name = "Enterprise, mandatory", mandatory = true, tiers = new[] { "enterprise" } })).JsonAsync(HttpStatusCode.Created);
        AnsweredRelease = await PackageAsync("CVE-2026-10005", "Path traversal in exports", submit: false);
        ReviewRelease = await PackageAsync("CVE-2026-10006", "Open redirect after sign-in", submit: true);
        ReviewDecisions = await DecisionsAsync(ReviewRelease);
        ApprovedRelease = await PackageAsync("CVE-2026-10007", "Denial of service in the markdown renderer", submit: true);
        var decisions = (await DecisionsAsync(ApprovedRelease)).Select(d => new { communicationId = d.Id, packageHash = d.Hash });
        await (await Client(People.Security).PostAsJsonAsync($"/api/v1/releases/{ApprovedRelease}/approvals", new { decisions })).JsonAsync();
    }

    /// <summary>A mandatory notice reaches every contact, subscribed or not, so the customer emails may be armed.</summary>
    private const string PackageSegment = "matrix-packages";

    private async Task<string> PackageAsync(string cve, string title, bool submit)
    {
        var preparer = Client(People.Appsec);
        var vulnerability = await ReleaseApi.FixedVulnerabilityAsync(preparer, WithCanary(ReleaseApi.Rce(cve), title));
        var release = await ReleaseApi.PlanAsync(preparer);
        await (await ReleaseApi.BundleAsync(preparer, release, vulnerability)).JsonAsync();
        var prepared = await (await preparer.PostAsJsonAsync($"/api/v1/releases/{release}/prepare",
            new { safe = new { sensitive = false, accurate = true, financial = false, effect = false } })).JsonAsync();
        await (await Distribution.DistributionApi.SetAudienceAsync(Client(People.Security), prepared.Part("customer-email").Id(),
            new { segment = PackageSegment })).JsonAsync();
        if (submit)
        {
            await (await preparer.PostAsync($"/api/v1/releases/{release}/submit", null)).JsonAsync();
        }
        return release;
    }

    private async Task<IReadOnlyList<(string Id, string Hash)>> DecisionsAsync(string release)
    {
        var package = await (await Client(People.Security).GetAsync($"/api/v1/releases/{release}/package")).JsonAsync();
        return [.. package.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("communication")).Select(c => (c.Id(), c.Hash()))];
    }

    private Dictionary<string, object?> WithCanary(object vulnerability, string title)
    {
        var body = vulnerability.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(vulnerability));
        body["title"] = $"{title} {F.EmbargoCanary}";
        body["description"] = $"{title}: the details stay under embargo until the fix ships. {F.EmbargoCanary}";
        return body;
    }

    private async Task BuildDistributionAsync()
    {
        var security = Client(People.Security);
        Organization = (await (await security.PostAsJsonAsync("/api/v1/organizations", new { name = "Initech", tier = "enterprise" }))
            .JsonAsync(HttpStatusCode.Created)).Id();
        await (await security.PostAsJsonAsync("/api/v1/contacts", new { email = "bill@initech.example", name = "Bill", organization = "Initech" }))
            .JsonAsync();
        await (await security.PostAsJsonAsync("/api/v1/audiences", new { key = MatrixFixture.SegmentKey, name = "Enterprise", tiers = new[] { "enterprise" } }))
            .JsonAsync(HttpStatusCode.Created);
        var webhook = await security.PostAsJsonAsync("/api/v1/webhooks", new { name = "Matrix receiver", url = F.Webhooks.Url("/matrix") });
        Webhook = (await webhook.JsonAsync(HttpStatusCode.Created)).Id();
        Dispatch = (await (await Client(People.Author).PostAsync($"/api/v1/communications/{Confidential}/test-send", null))
            .JsonAsync(HttpStatusCode.Created)).Id();
        AuthorToken = (await (await Client(People.Author).PostAsJsonAsync("/api/v1/tokens", new { name = "spare" })).JsonAsync(HttpStatusCode.Created)).Id();
    }

    private async Task BuildPeopleAsync()
    {
        var admin = Client(People.AdminOutsideSecurity);
        Colleague = (await (await admin.PostAsJsonAsync("/api/v1/people", new { email = "colleague@example.com", name = "Colleague", teams = new[] { "legal" } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("details").GetProperty("person").Id();
        Departed = (await (await admin.PostAsJsonAsync("/api/v1/people", new { email = "departed@example.com", name = "Departed", teams = new[] { "legal" } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("details").GetProperty("person").Id();
        await (await admin.PostAsync($"/api/v1/people/{Departed}/deactivate", null)).JsonAsync();
        ServiceAccount = (await (await admin.PostAsJsonAsync("/api/v1/people/service-accounts",
                new { email = "contracts-bot@example.com", name = "Contracts bot", teams = new[] { "legal" } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("person").Id();
        ServiceAccountToken = (await (await admin.PostAsJsonAsync($"/api/v1/people/{ServiceAccount}/tokens", new { name = "contracts" }))
            .JsonAsync(HttpStatusCode.Created)).Id();
        var everyone = await (await admin.GetAsync("/api/v1/people")).JsonAsync();
        PersonIds = People.All.Where(p => !p.Anonymous).ToDictionary(p => p,
            p => everyone.EnumerateArray().Single(e => e.GetProperty("email").GetString() == F.Email(p)).Id());
    }
}
