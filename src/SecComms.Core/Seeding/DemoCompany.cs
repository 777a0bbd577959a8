using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Exceptions;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Releases;
using SecComms.Core.Vulnerabilities;
using SecComms.Core.Workflow;

namespace SecComms.Core.Seeding;

/// <summary>
/// A realistic company to try SecComms with: its people in every team, customers and segments, a security release
/// published with its post, advisories and customer email, a planned one of three vulnerabilities and a critical one in
/// review, a severe incident with its clocks running, communications of every category in every state, and an exception
/// about to expire. Made only on an empty database.
/// </summary>
public sealed class DemoCompany(Seeder seed, SecCommsDb db, TimeProvider time)
{
    public const string Product = "Acme Platform";

    public async Task<IReadOnlyList<SeededPerson>> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken) || await db.Communications.AnyAsync(cancellationToken))
        {
            throw new ConflictException("The database already holds data; the demo company is made only in an empty database.");
        }
        var people = await PeopleAsync(cancellationToken);
        await CustomersAsync(people.Sam.Actor, cancellationToken);
        await ReleasesAsync(people, cancellationToken);
        await IncidentsAsync(people, cancellationToken);
        await CommunicationsAsync(people, cancellationToken);
        await seed.UseAsync<ExceptionRegister, ExceptionView>(async register =>
        {
            var requested = await register.RequestAsync(people.Sam.Actor, new ExceptionRequest(
                "Customer questionnaire answers go out without Legal's review", null, null,
                "Forty questionnaires are due this week and Legal is at half strength.",
                "Hiring a contractor; asking customers for more time, which two refused.",
                "Answers come only from the approved answer library; Security reviews a sample of one in five.",
                "medium", 3), cancellationToken);
            return await register.ApproveAsync(people.Sasha.Actor, requested.Id, "Three days, then back to the usual review.", cancellationToken);
        }, cancellationToken);
        return people.All;
    }

    private async Task<DemoPeople> PeopleAsync(CancellationToken cancellationToken)
    {
        async Task<SeededPerson> Add(string email, string name, string[] teams, UserRole role = UserRole.Member) =>
            await seed.PersonAsync(email, name, teams, role, cancellationToken);
        return new DemoPeople(
            await Add("admin@example.com", "Avery Admin", [], UserRole.Admin),
            await Add("sam@example.com", "Sam Rivera", [Actor.SecurityTeam]),
            await Add("sasha@example.com", "Sasha Kim", [Actor.SecurityTeam]),
            await Add("alex@example.com", "Alex Chen", ["appsec"]),
            await Add("lee@example.com", "Lee Morgan", ["legal"]),
            await Add("mia@example.com", "Mia Lopez", ["corporate-marketing"]),
            await Add("pat@example.com", "Pat Singh", ["product"]),
            await Add("sue@example.com", "Sue Park", ["support"]),
            await Add("casey@example.com", "Casey Brown", ["customer-success"]),
            await Add("vic@example.com", "Vic Jones", ["support"], UserRole.Viewer));
    }

    private async Task CustomersAsync(Actor security, CancellationToken cancellationToken)
    {
        const string contacts = """
            email,name,organization,role,tier,deployment,product_version,region,subscribed
            it-security@globex.example,Hank Scorpio,Globex,security-contact,enterprise,self-managed,18.4.1,EU,yes
            cto@globex.example,Frank Grimes,Globex,technical,enterprise,self-managed,18.4.1,EU,yes
            security@initech.example,Bill Lumbergh,Initech,security-contact,enterprise,self-managed,18.3.2,US,yes
            admin@initech.example,Milton Waddams,Initech,technical,enterprise,self-managed,18.3.2,US,no
            secops@umbrella.example,Alice Abernathy,Umbrella,security-contact,premium,saas,18.4.1,EU,yes
            ops@hooli.example,Gavin Belson,Hooli,technical,premium,self-managed,18.2.4,US,yes
            security@hooli.example,Jared Dunn,Hooli,security-contact,premium,self-managed,18.2.4,US,yes
            it@vandelay.example,Art Vandelay,Vandelay Industries,technical,free,saas,,US,yes
            owner@piedpiper.example,Monica Hall,Pied Piper,admin,free,saas,,EU,yes
            security@soylent.example,Sol Roth,Soylent,security-contact,enterprise,self-managed,18.4.0,APAC,yes
            """;
        await seed.UseAsync<ContactImport, ImportReport>(i => i.ImportAsync(security, new StringReader(contacts), cancellationToken), cancellationToken);
        await seed.UseAsync<Segments, SegmentView>(s => s.CreateAsync(security, new SegmentInput("self-managed", "Self-managed customers",
            "Every subscribed contact of a self-managed installation: they upgrade it themselves.", Deployments: [Deployment.SelfManaged]), cancellationToken),
            cancellationToken);
        await seed.UseAsync<Segments, SegmentView>(s => s.CreateAsync(security, new SegmentInput("enterprise-security", "Enterprise security contacts",
            "Security contacts of enterprise customers, subscribed or not.", Mandatory: true, Tiers: ["enterprise"], Roles: [ContactRole.SecurityContact]),
            cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A planned release that went out today with its post, advisories and customer email; the next planned one and a
    /// critical one, both in review.
    /// </summary>
    private async Task ReleasesAsync(DemoPeople people, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var shipped = await PreparedAsync(people, ReleaseKind.Planned, now, ["18.4.1", "18.3.4", "18.2.8"],
            [DemoVulnerabilities.WebhookSsrf, DemoVulnerabilities.PrivateProjectNames], "self-managed", cancellationToken);
        await ShipAsync(people, shipped, cancellationToken);
        await PreparedAsync(people, ReleaseKind.Planned, now.AddDays(6), ["18.4.2", "18.3.5", "18.2.9"],
            [DemoVulnerabilities.ProjectImport, DemoVulnerabilities.MergeRequestXss, DemoVulnerabilities.RunnerTokens], "self-managed", cancellationToken);
        await PreparedAsync(people, ReleaseKind.Critical, now.AddDays(1), ["18.4.3", "18.3.6", "18.2.10"],
            [DemoVulnerabilities.SamlBypass], "enterprise-security", cancellationToken);
    }

    /// <summary>
    /// AppSec records the fixed vulnerabilities and plans the release; Security prepares it with the SAFE answers, its
    /// customer email addressed to <paramref name="segment"/>, and submits everything.
    /// </summary>
    private async Task<Guid> PreparedAsync(DemoPeople people, ReleaseKind kind, DateTimeOffset plannedFor, IReadOnlyList<string> versions,
        IEnumerable<VulnerabilityInput> fixes, string segment, CancellationToken cancellationToken)
    {
        var appsec = people.Alex.Actor;
        var vulnerabilities = await FixedAsync(appsec, fixes, cancellationToken);
        var release = await seed.UseAsync<SecurityReleases, SecurityReleaseView>(r => r.CreateAsync(appsec, new NewSecurityRelease(null, kind,
            plannedFor, Product, versions), cancellationToken), cancellationToken);
        await seed.UseAsync<SecurityReleases, SecurityReleaseDetails>(r => r.SetVulnerabilitiesAsync(appsec, release.Id,
            new ReleaseVulnerabilitiesRequest(vulnerabilities), cancellationToken), cancellationToken);
        await seed.UseAsync<ReleasePackages, SecurityReleaseDetails>(p => p.PrepareAsync(people.Sam.Actor, release.Id,
            new PrepareRequest(Seeder.NoRisk, new AudienceChoice(segment), Submit: true), cancellationToken), cancellationToken);
        return release.Id;
    }

    /// <summary>
    /// Sasha, who wrote none of it, approves the whole package as she reads it; Sam arms it to ship with the release, and
    /// Alex publishes the release, which publishes it all at once.
    /// </summary>
    private async Task ShipAsync(DemoPeople people, Guid releaseId, CancellationToken cancellationToken)
    {
        var sasha = people.Sasha.Actor;
        var package = await seed.UseAsync<ReleasePackages, ReleasePackageView>(p => p.GetAsync(sasha, releaseId, cancellationToken), cancellationToken);
        var decisions = package.Parts.Where(p => p.AsksYou).Select(p => new PackageDecision(p.Communication.Id, p.Communication.PackageHash)).ToList();
        await seed.UseAsync<ReleasePackages, IReadOnlyList<ApprovalView>>(p => p.ApproveAsync(sasha, releaseId,
            new PackageDecisionsRequest(decisions, "Checked against the vulnerability records."), cancellationToken), cancellationToken);
        await seed.UseAsync<ReleasePackages, ReleasePackageView>(p => p.ShipWithReleaseAsync(people.Sam.Actor, releaseId, cancellationToken), cancellationToken);
        await seed.UseAsync<SecurityReleases, SecurityReleaseView>(r => r.PublishAsync(people.Alex.Actor, releaseId, null, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyList<Guid>> FixedAsync(Actor appsec, IEnumerable<VulnerabilityInput> inputs, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        foreach (var input in inputs)
        {
            var created = await seed.UseAsync<Vulnerabilities.Vulnerabilities, VulnerabilityView>(v => v.CreateAsync(appsec, input, cancellationToken), cancellationToken);
            await seed.UseAsync<Vulnerabilities.Vulnerabilities, VulnerabilityView>(v => v.SetStatusAsync(appsec, created.Id,
                new VulnerabilityStatusRequest(VulnerabilityStatus.Fixed), cancellationToken), cancellationToken);
            ids.Add(created.Id);
        }
        return ids;
    }

    private async Task IncidentsAsync(DemoPeople people, CancellationToken cancellationToken)
    {
        var sam = people.Sam.Actor;
        var now = time.GetUtcNow();
        var breach = await seed.UseAsync<Incidents.Incidents, IncidentView>(i => i.CreateAsync(sam, new NewIncident(
            "Credential stuffing against customer sign-in", IncidentKind.Breach, IncidentSeverity.S1, now.AddHours(-3), PersonalData: true,
            new IncidentDetails("Attackers reused leaked passwords against the sign-in page; some enterprise accounts were accessed.",
                DetectedAt: now.AddHours(-4), Regions: ["EU", "US"], DataCategories: ["credentials"], CustomerTiers: ["enterprise"],
                AffectedCustomers: ["Globex", "Initech"], AffectedCustomerCount: 2,
                Roles: new IncidentRolesInput(sam.Email, people.Sasha.Actor.Email, sam.Email))), cancellationToken), cancellationToken);
        await seed.UseAsync<IncidentMessages, IncidentMessageView>(m => m.CreateAsync(sam, breach.Id, new IncidentMessageRequest(IncidentPart.InitialNotice),
            cancellationToken), cancellationToken);

        var bucket = await seed.UseAsync<Incidents.Incidents, IncidentView>(i => i.CreateAsync(sam, new NewIncident(
            "Build logs readable in a misconfigured storage bucket", IncidentKind.Misconfiguration, IncidentSeverity.S3, now.AddDays(-2), PersonalData: false,
            new IncidentDetails("Build logs without customer data were readable for six hours; access logs show no reads from outside.")), cancellationToken),
            cancellationToken);
        await seed.UseAsync<IncidentMessages, IncidentMessageView>(m => m.CreateAsync(sam, bucket.Id, new IncidentMessageRequest(IncidentPart.InitialNotice),
            cancellationToken), cancellationToken);
        await seed.UseAsync<NoPublicNotifications, NoPublicNotificationView>(n => n.ProposeAsync(sam, bucket.Id, new NoPublicNotificationRequest(
            "No customer data was exposed and nothing was read from outside; there is nothing for anyone to do."), cancellationToken), cancellationToken);
        foreach (var approver in new[] { people.Sasha, people.Lee })
        {
            await seed.UseAsync<NoPublicNotifications, NoPublicNotificationView>(n => n.ApproveAsync(approver.Actor, bucket.Id, cancellationToken), cancellationToken);
        }
    }

    /// <summary>A communication of every category the releases and incidents left out, and one in each state they did not reach.</summary>
    private async Task CommunicationsAsync(DemoPeople people, CancellationToken cancellationToken)
    {
        var sam = people.Sam.Actor;
        var sasha = people.Sasha.Actor;
        var mia = people.Mia.Actor;

        var bounty = await seed.CommunicationAsync(sam, "bug-bounty-update", "Our bug bounty now covers the mobile apps",
            "# Our bug bounty now covers the mobile apps\n\nFrom today, reports about the iOS and Android apps are in scope, with the same rewards.",
            null, cancellationToken);
        await seed.SubmitAsync(sam, bounty, cancellationToken);
        await seed.ApproveAsync(bounty.Id, [sasha], cancellationToken);
        await seed.UseAsync<WorkflowService, CommunicationView>(w => w.PublishAsync(sam, bounty.Id, null, cancellationToken), cancellationToken);

        var certification = await seed.CommunicationAsync(sam, "certification-notice", "Our SOC 2 Type II report for 2026 is available",
            "# Our SOC 2 Type II report for 2026 is available\n\nCustomers can request the report from their account team.",
            "Hello,\n\nOur SOC 2 Type II report for 2026 is available; ask your account team for a copy.\n\nThe Security team", cancellationToken);
        await seed.SubmitAsync(sam, certification, cancellationToken);
        await seed.ApproveAsync(certification.Id, [sasha, mia], cancellationToken);

        var phishing = await seed.CommunicationAsync(sam, "customer-security-notice", "Phishing emails impersonating Acme support",
            "# Phishing emails impersonating Acme support\n\nWe never ask for your password by email. Report such emails to security@example.com.",
            "Hello,\n\nSome customers received emails that pretend to come from Acme support and ask for passwords. We never do.\n\nThe Security team",
            cancellationToken);
        await seed.SubmitAsync(sam, phishing, cancellationToken);
        await seed.ApproveAsync(phishing.Id, [sasha], cancellationToken);
        await seed.UseAsync<WorkflowService, CommunicationView>(w => w.ScheduleAsync(sam, phishing.Id, time.GetUtcNow().AddDays(1), null, cancellationToken),
            cancellationToken);

        var response = await seed.CommunicationAsync(sam, "customer-response", "Answer to Globex on TLS versions",
            "# Answer to Globex on TLS versions\n\nWe accept TLS 1.2 and 1.3 only.",
            "Hello Hank,\n\nAcme Platform accepts TLS 1.2 and 1.3 only, on every endpoint.\n\nThe Security team", cancellationToken);
        await seed.UseAsync<CommunicationAudiences, CommunicationAudienceView>(a => a.SetAsync(sam, response.Id,
            new AudienceChoice(null, NoRecipientsReason: "The account team sends it in the customer's ticket."), cancellationToken), cancellationToken);
        await seed.SubmitAsync(sam, response, cancellationToken);
        await seed.ApproveAsync(response.Id, [sasha], cancellationToken);
        await seed.UseAsync<WorkflowService, CommunicationView>(w => w.WithdrawAsync(sam, response.Id,
            "Globex asked the question again with more detail; a new answer follows.", cancellationToken), cancellationToken);

        await seed.CommunicationAsync(sam, "security-blog-post", "How we rotate our signing keys",
            "# How we rotate our signing keys\n\nEvery release is signed; this is how the keys change each year.", null, cancellationToken);
        var interview = await seed.CommunicationAsync(mia, "media-engagement", "Interview with Security Weekly on the credential stuffing wave",
            "# Interview with Security Weekly\n\nTalking points: what we saw, what customers should do, what we changed.", null, cancellationToken,
            participants: [people.Sam.Actor.Email]);
        await seed.SubmitAsync(mia, interview, cancellationToken);
        await seed.CommunicationAsync(mia, "contributed-article", "Lessons from a year of coordinated disclosure",
            "# Lessons from a year of coordinated disclosure\n\nWhat twelve security releases taught us.", null, cancellationToken);
    }

    private sealed record DemoPeople(
        SeededPerson Admin, SeededPerson Sam, SeededPerson Sasha, SeededPerson Alex, SeededPerson Lee, SeededPerson Mia, SeededPerson Pat,
        SeededPerson Sue, SeededPerson Casey, SeededPerson Vic)
    {
        public IReadOnlyList<SeededPerson> All => [Admin, Sam, Sasha, Alex, Lee, Mia, Pat, Sue, Casey, Vic];
    }
}
