using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;
using SecComms.Testing;

namespace SecComms.Core.Tests.Workflow;

/// <summary>
/// The approval matrix of DESIGN.md §1, read row by row, against the default policy and the workflow that enforces it;
/// then the stages flagged SAFE answers add after a category's own.
/// </summary>
public sealed class ApprovalMatrixTests
{
    /// <summary>Text beyond every category's template, which publication requires.</summary>
    private static readonly ContentInput Written = new(null, "# Matrix\n\nWhat readers need to know.", null, "What readers need to know.", null,
        "Q: What happened?\nA: What readers need to know.\n\nQ: What should I do?\nA: Nothing; we fixed it.");

    /// <summary>
    /// Category, whether customers are affected, the SAFE questions whose answers flag a risk, the teams that must approve
    /// in order, the teams consulted.
    /// </summary>
    public static TheoryData<string, bool, string[], string[], string[]> Matrix => new()
    {
        { "customer-security-notice", false, [], ["security"], [] },
        { "security-release", false, [], ["security"], [] },
        { "critical-security-release", false, [], ["security"], [] },
        { "security-release-email", false, [], ["security"], [] },
        { "critical-security-release-email", false, [], ["security"], [] },
        { "bug-bounty-update", false, [], ["security"], [] },
        { "customer-response", false, [], ["security"], [] },
        { "security-blog-post", false, [], ["security", "corporate-marketing"], [] },
        { "incident-response", false, [], ["security", "legal", "product", "corporate-marketing", "support"], [] },
        { "incident-response", true, [], ["security", "legal", "product", "corporate-marketing", "support", "customer-success"], [] },
        { "certification-notice", false, [], ["security", "corporate-marketing"], [] },
        { "media-engagement", false, [], ["corporate-marketing"], ["security"] },
        { "contributed-article", false, [], ["corporate-marketing"], ["security"] },
        { "security-release", false, ["sensitive"], ["security", "legal"], [] },
        { "customer-security-notice", false, ["financial", "effect"], ["security", "legal", "corporate-marketing"], [] },
        { "bug-bounty-update", false, ["sensitive", "accurate", "financial", "effect"], ["security", "legal", "corporate-marketing"], [] },
        { "security-blog-post", false, ["effect"], ["security", "corporate-marketing"], [] },
        { "certification-notice", false, ["sensitive", "accurate"], ["security", "corporate-marketing", "legal"], [] },
        { "contributed-article", false, ["accurate"], ["corporate-marketing", "security"], ["security"] },
    };

    [Fact]
    public void The_matrix_covers_every_category_of_the_default_policy()
    {
        var policy = PolicyStore.FromConfiguration(null).Current;
        Assert.Equal(policy.Categories.Keys.Order(), Matrix.Cast<object[]>().Select(row => (string)row[0]).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Publication_waits_for_exactly_the_required_teams_in_order(
        string category, bool customersAffected, string[] flagged, string[] approvers, string[] consulted)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseOptions.Sqlite);
        await using var services = database.CreateServices();
        var policy = services.GetRequiredService<PolicyStore>().Current;
        var rules = policy.Categories[category];
        var own = rules.Approvals.Where(s => s.When == StageConditions.Always || customersAffected).Select(s => s.Team).ToList();
        Assert.Equal(own, approvers.Take(own.Count));
        Assert.Equal(consulted, rules.Consult);

        var author = await AddAsync(services, "author@example.com", [Actor.SecurityTeam, "corporate-marketing"]);
        var members = new Dictionary<string, Actor>();
        foreach (var team in policy.Teams.Keys)
        {
            members[team] = await AddAsync(services, $"{team}@example.com", [team]);
        }
        var created = await Use<CommunicationService, CommunicationView>(services, s =>
            s.CreateAsync(author, new NewCommunication(category, "Matrix", null, Written, [.. members.Values.Select(m => m.Email)], customersAffected), CancellationToken.None));
        var id = created.Id;
        var gated = rules.Gates.Where(g => g != Gates.Linked).ToList();
        var opener = await GateOpener.LinkAsync(services, author, id, gated);
        if (!rules.Channels.Contains(Channels.Web))
        {
            await Use<CommunicationAudiences, CommunicationAudienceView>(services, a =>
                a.SetAsync(author, id, new AudienceChoice(null, NoRecipientsReason: "Support replies to each customer by hand."), CancellationToken.None));
        }
        var hash = (await Use<CommunicationService, CommunicationView>(services, s => s.GetAsync(author, id, CancellationToken.None))).PackageHash;
        var answers = new SafeRequest(flagged.Contains(SafeQuestions.Sensitive), !flagged.Contains(SafeQuestions.Accurate),
            flagged.Contains(SafeQuestions.Financial), flagged.Contains(SafeQuestions.Effect), null);
        if (rules.ConfidentialByDefault)
        {
            await Assert.ThrowsAsync<ConflictException>(() => Use<WorkflowService, SafeView>(services, w => w.AnswerSafeAsync(author, id, answers, CancellationToken.None)));
        }
        else
        {
            await Assert.ThrowsAsync<ConflictException>(() => Use<WorkflowService, CommunicationView>(services, w => w.SubmitAsync(author, id, CancellationToken.None)));
            var safe = await Use<WorkflowService, SafeView>(services, w => w.AnswerSafeAsync(author, id, answers, CancellationToken.None));
            Assert.Equal(flagged, safe.Flags);
            Assert.Equal(approvers.Skip(own.Count), safe.AddedTeams);
        }
        await Use<WorkflowService, CommunicationView>(services, w => w.SubmitAsync(author, id, CancellationToken.None));
        var required = await Use<WorkflowService, RequirementsView>(services, w => w.RequirementsAsync(author, id, CancellationToken.None));
        Assert.Equal(approvers, required.Stages.Where(s => s.State != StageState.NotRequired).Select(s => s.Team));

        foreach (var team in consulted)
        {
            await Use<WorkflowService, ApprovalView>(services, w =>
                w.DecideAsync(members[team], id, new DecisionRequest(null, "advice", hash, "Say less about the attacker."), CancellationToken.None));
        }
        await Assert.ThrowsAsync<ForbiddenException>(() => Use<WorkflowService, ApprovalView>(services, w =>
            w.DecideAsync(author, id, new DecisionRequest(approvers[0], "approve", hash, null), CancellationToken.None)));

        for (var step = 0; step < approvers.Length; step++)
        {
            await Assert.ThrowsAsync<ConflictException>(() => Use<WorkflowService, CommunicationView>(services, w =>
                w.PublishAsync(author, id, null, CancellationToken.None)));
            foreach (var (team, member) in members.Where(m => !approvers.Contains(m.Key)))
            {
                await Assert.ThrowsAsync<ForbiddenException>(() => Use<WorkflowService, ApprovalView>(services, w =>
                    w.DecideAsync(member, id, new DecisionRequest(null, "approve", hash, null), CancellationToken.None)));
            }
            foreach (var later in approvers.Skip(step + 1).Distinct())
            {
                var refused = await Assert.ThrowsAsync<ConflictException>(() => Use<WorkflowService, ApprovalView>(services, w =>
                    w.DecideAsync(members[later], id, new DecisionRequest(later, "approve", hash, null), CancellationToken.None)));
                Assert.Contains($"({approvers[step]})", refused.Message, StringComparison.Ordinal);
            }
            var requirements = await Use<WorkflowService, RequirementsView>(services, w => w.RequirementsAsync(author, id, CancellationToken.None));
            Assert.Equal(approvers[step], requirements.Stages.Single(s => s.State == StageState.Waiting).Team);
            Assert.False(requirements.ReadyToPublish);

            var approval = await Use<WorkflowService, ApprovalView>(services, w =>
                w.DecideAsync(members[approvers[step]], id, new DecisionRequest(null, "approve", hash, null), CancellationToken.None));
            Assert.Equal(approvers[step], approval.Team);
            Assert.Equal(policy.Hash, approval.PolicyHash);
        }

        if (gated.Count > 0)
        {
            var closed = await Use<WorkflowService, RequirementsView>(services, w => w.RequirementsAsync(author, id, CancellationToken.None));
            Assert.False(closed.ReadyToPublish);
            Assert.Equal(gated, closed.Gates.Where(g => !g.Passed).Select(g => g.Gate));
            var refused = await Assert.ThrowsAsync<ConflictException>(() => Use<WorkflowService, CommunicationView>(services, w =>
                w.PublishAsync(author, id, null, CancellationToken.None)));
            Assert.All(gated, gate => Assert.Contains(gate, refused.Message, StringComparison.Ordinal));
            await opener.OpenAsync(services, author, id);
        }
        var ready = await Use<WorkflowService, RequirementsView>(services, w => w.RequirementsAsync(author, id, CancellationToken.None));
        Assert.True(ready.ReadyToPublish);
        Assert.Equal(approvers, ready.Stages.Where(s => s.State == StageState.Approved).Select(s => s.Team));
        Assert.Equal(consulted, ready.Consults.Select(c => c.Team));
        Assert.Equal(consulted, ready.Consult);
        var published = await Use<WorkflowService, CommunicationView>(services, w => w.PublishAsync(author, id, null, CancellationToken.None));
        Assert.Equal(CommunicationStatus.Published, published.Status);
        Assert.Equal(1, published.PublishedRevision);
    }

    internal static async Task<Actor> AddAsync(ServiceProvider services, string email, string[] teams)
    {
        await using var scope = services.CreateAsyncScope();
        return Actor.From(await scope.ServiceProvider.GetRequiredService<UserDirectory>()
            .AddAsync(new NewUser(email, email.Split('@')[0], teams, UserRole.Member, null), new TeamGrantor.InstallationOperator("test", "The test setup"), CancellationToken.None));
    }

    internal static async Task<TResult> Use<TService, TResult>(ServiceProvider services, Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    internal static async Task<int> AuditCountAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SecCommsDb>().AuditEvents.CountAsync();
    }
}
